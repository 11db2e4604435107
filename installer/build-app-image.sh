#!/usr/bin/env bash
# Builds a self-contained Arbiter with jpackage: an app-image (a folder with its own Java runtime)
# and, where the Debian tools exist (dpkg-deb, fakeroot), a .deb.
#   installer/build-app-image.sh            -> installer/out/Arbiter/bin/Arbiter
#   installer/build-app-image.sh --deb      -> also installer/out/arbiter_<version>_amd64.deb
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/installer/out"
version=$(grep -m1 -oP '(?<=<version>)[^<]+' "$root/pom.xml" | head -1)
command -v jpackage >/dev/null || { echo "jpackage not found: install a full JDK 17+ (e.g. openjdk-17-jdk)"; exit 1; }

(cd "$root" && mvn -q -B -DskipTests package)
rm -rf "$out" && mkdir -p "$out/input"
cp "$root/target/arbiter.jar" "$out/input/"
cp -r "$root/target/lib" "$out/input/lib"

common=(--name Arbiter --app-version "${version%%-*}" --input "$out/input" --main-jar arbiter.jar
        --main-class dev.arbiter.Main --dest "$out" --vendor "Arbiter"
        --description "Governance console and decision gateway for agentic AI"
        --java-options "-Xmx1g")

jpackage --type app-image "${common[@]}"
echo "App image: $out/Arbiter (run $out/Arbiter/bin/Arbiter, or bin/Arbiter --help for the CLI)"

if [ "${1:-}" = "--deb" ]; then
  if command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null; then
    jpackage --type deb "${common[@]}" --linux-shortcut --linux-menu-group Development \
             --linux-app-category devel --linux-package-name arbiter
    echo "Debian package: $(ls "$out"/*.deb)"
  else
    echo "No .deb: dpkg-deb and fakeroot are needed (apt-get install fakeroot)"
  fi
fi
