#!/bin/sh
# mmdebstrap's customize hook for the image's base ($1: the root filesystem being made).
set -eu
root=$1
uid=${LGSP_UID:-10001}

# the platform's own user: no password, no shell, its home the application's read-only folder
echo "lgsp:x:$uid:$uid:LGSP platform:/opt/lgsp:/usr/sbin/nologin" >> "$root/etc/passwd"
echo "lgsp:x:$uid:" >> "$root/etc/group"
echo "lgsp:!:$(( ${SOURCE_DATE_EPOCH:-0} / 86400 )):0:99999:7:::" >> "$root/etc/shadow"
mkdir -p "$root/opt/lgsp"

# nothing the running platform needs: package lists, caches, logs of the installation
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/* "$root"/var/cache/debconf/*-old \
  "$root"/var/cache/ldconfig/aux-cache "$root"/var/log/* "$root"/tmp/* "$root"/var/tmp/*
