#!/usr/bin/env bash
# The base of the platform's image, from Debian's packages alone: a bookworm root filesystem
# (mmdebstrap, variant minbase) with the Java 17 runtime, the DejaVu fonts the PDF reports
# embed, CA certificates and time zones, and the unprivileged user lgsp (uid 10001), written
# as an image archive (the `docker save` layout) that Jib builds the application's layers on
# (`tar://` base). No registry is involved.
#
#   deploy/images/base.sh OUTPUT.tar
#
# The archive is cached under $LGSP_IMAGE_CACHE (default ~/.cache/lgsp/images), keyed by
# everything that goes into it (suite, mirrors, packages, user, this script, the time stamp),
# so a second build copies it instead of installing again. Debian's updates reach the cache
# when the key changes or with LGSP_IMAGE_REFRESH=1.
#
# Reproducible for one state of the mirror: every time stamp is SOURCE_DATE_EPOCH (a fixed
# date unless set), the archive's members are sorted and owned by root.
set -euo pipefail

out=${1:?usage: base.sh OUTPUT.tar}
here=$(cd "$(dirname "$0")" && pwd)

suite=${LGSP_IMAGE_SUITE:-bookworm}
mirror=${LGSP_DEBIAN_MIRROR:-http://deb.debian.org/debian}
security=${LGSP_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
packages=(openjdk-17-jre-headless fonts-dejavu-core ca-certificates tzdata)
uid=10001
cache=${LGSP_IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/lgsp/images}
epoch=${SOURCE_DATE_EPOCH:-1767225600}

key=$( { printf '%s\n' "$suite" "$mirror" "$security" "${packages[@]}" "$uid" "$epoch"; cat "$0" "$here/customize-rootfs.sh"; } \
  | sha256sum | cut -c1-16)
cached="$cache/base-$key.tar"

if [ ! -s "$cached" ] || [ "${LGSP_IMAGE_REFRESH:-0}" = 1 ]; then
  command -v mmdebstrap >/dev/null || { echo "base.sh: mmdebstrap is missing (apt-get install mmdebstrap)" >&2; exit 1; }
  mkdir -p "$cache"
  work=$(mktemp -d "$cache/.build-XXXXXX")
  trap 'rm -rf "$work"' EXIT
  started=$(date +%s)
  echo "base.sh: making the base root filesystem ($suite: ${packages[*]}) with mmdebstrap"
  # the documentation, manual pages and translations are not needed to run a JVM; the manual's
  # folders stay, for update-alternatives links the Java runtime's postinst makes there
  SOURCE_DATE_EPOCH=$epoch LGSP_UID=$uid mmdebstrap --variant=minbase --format=tar \
    --mode="${LGSP_MMDEBSTRAP_MODE:-auto}" \
    --include="$(IFS=,; echo "${packages[*]}")" \
    --aptopt='APT::Install-Recommends "false"' \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --setup-hook='mkdir -p "$1/usr/share/man/man1" "$1/usr/share/man/man7"' \
    --customize-hook="$here/customize-rootfs.sh" \
    "$suite" "$work/layer.tar" \
    "deb $mirror $suite main" "deb $mirror $suite-updates main" "deb $security $suite-security main"

  # the image archive: one layer, its configuration, and the manifest that names them
  diff_id=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
  created=$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ)
  arch=$(dpkg --print-architecture)
  cat > "$work/config.json" <<JSON
{"architecture":"$arch","os":"linux","created":"$created",
 "config":{"User":"$uid:$uid","WorkingDir":"/opt/lgsp",
  "Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","LANG=C.UTF-8"]},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created":"$created","created_by":"deploy/images/base.sh: mmdebstrap --variant=minbase $suite ${packages[*]}; user lgsp ($uid)"}]}
JSON
  printf '[{"Config":"config.json","RepoTags":["localhost/lgsp-base:%s"],"Layers":["layer.tar"]}]\n' "$key" \
    > "$work/manifest.json"
  tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner -C "$work" \
    -cf "$work/base.tar" manifest.json config.json layer.tar
  mv "$work/base.tar" "$cached"
  echo "base.sh: $cached ($(du -m "$cached" | cut -f1) MB) in $(( $(date +%s) - started )) s"
fi

mkdir -p "$(dirname "$out")"
rm -f "$out"
ln "$cached" "$out" 2>/dev/null || cp "$cached" "$out"
echo "base.sh: base image archive $out (key $key)"
