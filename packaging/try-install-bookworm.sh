#!/bin/sh
# Proof that the .deb installs and runs on a fresh Debian 12 without a second machine:
# debootstraps a minimal bookworm root from the Debian mirror this machine's apt uses, then
# in a chroot does what an organizer does on a new mini-PC:
#   apt install ./uketsuke_*.deb systemd     (with the recommended cage and xwayland)
#   uketsuke --version; uketsuke-kiosk --version; the user, groups and modes the package made
#   uketsuke demo; uketsuke-kiosk-setup --event …   (config, event file, the unit enabled)
#   the kiosk in its real session (kiosk-session: cage, headless here) for a few seconds
#   apt purge uketsuke: the event files stay, and it says so
# Not part of tools/setup.sh test (it downloads about 150 MB the first time); run it by hand
# after packaging changes. Needs root and debootstrap (apt install debootstrap).
#
# usage: packaging/try-install-bookworm.sh build/uketsuke_VERSION_amd64.deb [WORKDIR]
# The pristine root is kept as WORKDIR/bookworm-minbase.tar (default WORKDIR:
# /var/tmp/uketsuke-try-install), so a second run starts again from a clean root in seconds.
set -eu

deb=$(realpath "$1")
work=${2:-/var/tmp/uketsuke-try-install}
[ "$(id -u)" -eq 0 ] || { echo "run as root (debootstrap and chroot need it)" >&2; exit 2; }
command -v debootstrap >/dev/null || { echo "apt install debootstrap" >&2; exit 2; }

# The mirror apt already reaches (deb822 .sources or a sources.list line).
mirror=$(sed -n 's/^URIs: *\([^ ]*debian\/*\)$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1)
[ -n "$mirror" ] || mirror=$(sed -n 's/^deb \(\[[^]]*\] \)\{0,1\}\([^ ]*\) bookworm .*/\2/p' /etc/apt/sources.list 2>/dev/null | head -n 1)
[ -n "$mirror" ] || mirror=http://deb.debian.org/debian

mkdir -p "$work"
base="$work/bookworm-minbase.tar"
if [ ! -f "$base" ]; then
    echo "== debootstrap --variant=minbase bookworm from $mirror"
    rm -rf "$work/base"
    debootstrap --variant=minbase bookworm "$work/base" "$mirror" >"$work/debootstrap.log" 2>&1 ||
        { tail -n 20 "$work/debootstrap.log"; exit 1; }
    tar -C "$work/base" -cf "$base" .
    rm -rf "$work/base"
fi

root="$work/root"
umount_all() {
    for mount in dev/shm dev/pts proc; do
        mountpoint -q "$root/$mount" 2>/dev/null && umount "$root/$mount" || true
    done
}
trap umount_all EXIT
umount_all
rm -rf "$root"
mkdir -p "$root"
tar -C "$root" -xf "$base"
mount -t proc proc "$root/proc"
mkdir -p "$root/dev/pts" "$root/dev/shm"
mount -t devpts devpts "$root/dev/pts"
mount -t tmpfs tmpfs "$root/dev/shm"
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }

echo "== apt install ./$(basename "$deb") systemd   (in a fresh bookworm root)"
in_root apt-get update -qq
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "/tmp/$(basename "$deb")" systemd \
    >"$work/apt-install.log" 2>&1 || { tail -n 30 "$work/apt-install.log"; exit 1; }
grep -E '^(Setting up uketsuke|The following NEW packages)' "$work/apt-install.log" || true
echo "   $(grep -c '^Setting up' "$work/apt-install.log") packages set up; log: $work/apt-install.log"

echo "== versions"
in_root uketsuke --version
in_root uketsuke-kiosk --version

echo "== what the package made"
in_root id uketsuke
in_root stat -c '%n %a %U:%G' /var/lib/uketsuke /etc/uketsuke/kiosk.toml
in_root dpkg-query -W -f='conffiles:${Conffiles}\n' uketsuke

echo "== uketsuke-kiosk-setup on the demo event"
in_root uketsuke demo /tmp/demo >/dev/null
in_root uketsuke-kiosk-setup --event /tmp/demo/event.db --kiosk-id A1 --no-camera
in_root stat -c '%n %a %U:%G' /var/lib/uketsuke/event.db /etc/uketsuke/kiosk.toml
in_root systemctl is-enabled uketsuke-kiosk.service
in_root sh -c 'grep -E "^(event|id|name) =" /etc/uketsuke/kiosk.toml'

echo "== the kiosk in its session (cage, headless, software rendering) for 8 seconds"
mkdir -p "$root/run/uketsuke"
in_root chown uketsuke:uketsuke /run/uketsuke
in_root chmod 0700 /run/uketsuke
in_root install -d -o uketsuke -g uketsuke -m 0700 /var/lib/uketsuke/try-shots
set +e
in_root runuser -u uketsuke -- env RUNTIME_DIRECTORY=/run/uketsuke HOME=/var/lib/uketsuke \
    WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 SDL_AUDIODRIVER=dummy \
    LIBGL_ALWAYS_SOFTWARE=1 /usr/libexec/uketsuke/kiosk-session --config /etc/uketsuke/kiosk.toml \
    --exit-after 8 --events-out /var/lib/uketsuke/try-events.jsonl \
    --screenshot-dir /var/lib/uketsuke/try-shots >"$work/session.log" 2>&1
session=$?
set -e
echo "kiosk-session exit status: $session (0: the kiosk ran and ended itself)"
grep -E 'uketsuke|cage|kiosk' "$work/session.log" | grep -v '^\s*$' | tail -n 5 || true
if [ -s "$root/var/lib/uketsuke/try-events.jsonl" ]; then
    echo "events the kiosk logged: $(wc -l <"$root/var/lib/uketsuke/try-events.jsonl") (first: $(head -n 1 "$root/var/lib/uketsuke/try-events.jsonl" | cut -c 1-100))"
fi
# What the kiosk drew under cage (read back from its own GL frame): look at it.
if ls "$root"/var/lib/uketsuke/try-shots/*.png >/dev/null 2>&1; then
    rm -rf "$work/screenshots"
    cp -r "$root/var/lib/uketsuke/try-shots" "$work/screenshots"
    echo "screenshots from inside cage: $(ls "$work/screenshots" | tr '\n' ' ')in $work/screenshots"
fi

echo "== apt purge uketsuke"
in_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q uketsuke 2>&1 | grep -E 'uketsuke:|Purging' || true
in_root ls -la /var/lib/uketsuke | sed 's/^/   /'
[ -e "$root/var/lib/uketsuke/event.db" ] && echo "kept: /var/lib/uketsuke/event.db" || { echo "FAIL: the purge removed the event file"; exit 1; }
[ ! -e "$root/etc/uketsuke/kiosk.toml" ] && echo "removed: /etc/uketsuke/kiosk.toml (a conffile)"
[ "$session" -eq 0 ] || { echo "FAIL: the kiosk did not run in its session (log: $work/session.log)"; exit 1; }
echo "== installed, set up, ran and purged on a fresh Debian 12"
