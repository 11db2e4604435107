package dev.arbiter.telemetry;

import dev.arbiter.core.Workspace;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns OpenTelemetry on for a workspace. Off by default: it is on only when asked for
 * ({@code arbiter serve --otel} or {@code --otel-endpoint URL}); then the SDK is configured by the standard
 * {@code OTEL_*} environment variables and system properties (OpenTelemetry SDK autoconfigure:
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code OTEL_EXPORTER_OTLP_PROTOCOL} (default
 * {@code http/protobuf}), {@code OTEL_SERVICE_NAME} (default {@code arbiter}), {@code OTEL_RESOURCE_ATTRIBUTES},
 * {@code OTEL_BSP_MAX_QUEUE_SIZE}, …), with {@code --otel-endpoint} taking precedence over
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT}. {@code OTEL_SDK_DISABLED=true} still turns it off. Logs are not
 * exported (Arbiter's log stays in its data directory).
 */
public final class OtelSetup {

    private OtelSetup() {
    }

    /**
     * Starts OpenTelemetry and hooks it into {@code ws}'s decisions; returns the handle to close at shutdown.
     *
     * @param endpoint the OTLP endpoint ({@code http://host:4318} for http/protobuf), or null for the
     *                 {@code OTEL_*} configuration (default {@code http://localhost:4318})
     * @throws io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException for a bad {@code OTEL_*} value,
     *         naming it
     */
    public static Optional<OtelTelemetry> start(Workspace ws, String endpoint) {
        Map<String, String> defaults = new HashMap<>();
        defaults.put("otel.service.name", "arbiter");
        defaults.put("otel.traces.exporter", "otlp");
        defaults.put("otel.metrics.exporter", "otlp");
        defaults.put("otel.logs.exporter", "none");
        // OTLP over HTTP by the JDK's own client; gRPC would need OkHttp or grpc-java on the class path.
        defaults.put("otel.exporter.otlp.protocol", "http/protobuf");
        Map<String, String> overrides = new HashMap<>();
        if (endpoint != null && !endpoint.isBlank()) {
            overrides.put("otel.exporter.otlp.endpoint", endpoint.strip());
        }
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> defaults)
                .addPropertiesCustomizer(config -> overrides)
                .addSpanExporterCustomizer((exporter, config) -> new CountingSpanExporter(exporter))
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
        if (isDisabled()) {
            sdk.close();
            return Optional.empty();
        }
        OtelTelemetry telemetry = new OtelTelemetry(sdk, ws.events(), () -> ws.queue().pending().size(), sdk);
        ws.useTelemetry(telemetry);
        return Optional.of(telemetry);
    }

    private static boolean isDisabled() {
        String env = System.getenv("OTEL_SDK_DISABLED");
        String prop = System.getProperty("otel.sdk.disabled");
        return "true".equalsIgnoreCase(env) || "true".equalsIgnoreCase(prop);
    }
}
