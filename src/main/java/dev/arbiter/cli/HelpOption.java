package dev.arbiter.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h, --help} alone, for commands whose own {@code --version} (a policy
 * or assessment version) clashes with the standard help options' {@code
 * --version}: picocli then silently leaves all of them out, help included.
 */
final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;
}
