#!/bin/sh
# Checks the .deb as a Debian maintainer would, and what a kiosk needs of it:
#   lintian: no errors (the warnings left are explained in the README, "The package");
#   the control fields: fonts-noto-cjk and the computed shared-library dependencies (libzbar0,
#     libzip4 and libexpat1 among them),
#     /etc/uketsuke/kiosk.toml a conffile, the maintainer scripts;
#   the units: `systemd-analyze verify` clean, the kiosk's unit rated below 4 by
#     `systemd-analyze security`, and what keeps it a kiosk (no VT switching, a deliberate
#     exit stays stopped, a crash restarts within a start limit).
# usage: packaging/check-package.sh build/uketsuke_*.deb     (tools/setup.sh test runs it)
set -eu

deb=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
    echo "FAIL $*"
    failures=$((failures + 1))
}
ok() { echo "ok   $*"; }

echo "== lintian $(lintian --version | sed 's/.* //') on $(basename "$deb")"
# Root in CI containers: lintian only warns about it.
if lintian --fail-on error --tag-display-limit 0 "$deb" 2>&1 | grep -v 'running with root privileges'; then :; fi
if lintian --fail-on error "$deb" >/dev/null 2>&1; then ok "lintian: no errors"; else fail "lintian reports errors (above)"; fi

control=$(dpkg-deb -f "$deb")
depends=$(printf '%s\n' "$control" | sed -n 's/^Depends: //p')
case ", $depends," in *", fonts-noto-cjk,"* | *", fonts-noto-cjk "*) ok "Depends: fonts-noto-cjk" ;; *) fail "fonts-noto-cjk is not in Depends: $depends" ;; esac
case "$depends" in *libsdl2-2.0-0*libsodium23*) ok "shared-library dependencies computed" ;; *) fail "no computed shared-library dependencies in Depends: $depends" ;; esac
# zbar is the decoder's second opinion (platform/zbar_reader.cpp), linked, so dpkg-shlibdeps must
# have found it; without libzbar0 the kiosk would not start.
case ", $depends," in *", libzbar0 "* | *", libzbar0,"*) ok "Depends: libzbar0 (computed)" ;; *) fail "libzbar0 is not in Depends: $depends" ;; esac
# .xlsx rosters (kiosk/core/roster/xlsx*.cpp) link libzip and expat, found the same way.
for library in libzip4 libexpat1; do
    case ", $depends," in *", $library "* | *", $library,"*) ok "Depends: $library (computed)" ;; *) fail "$library is not in Depends: $depends" ;; esac
done
printf '%s\n' "$control" | grep -q '^Maintainer: .* <.*@.*>$' && ok "Maintainer with an e-mail address" || fail "Maintainer has no e-mail address"

dpkg-deb -e "$deb" "$work/control"
grep -qx /etc/uketsuke/kiosk.toml "$work/control/conffiles" && ok "kiosk.toml is a conffile" || fail "/etc/uketsuke/kiosk.toml is not a conffile"
grep -q 'kept /var/lib/uketsuke' "$work/control/postrm" &&
    ! grep -Eq '^[[:space:]]*(rm|find)[[:space:]].*/var/lib/uketsuke' "$work/control/postrm" &&
    ok "a purge keeps /var/lib/uketsuke and says so" || fail "postrm may remove /var/lib/uketsuke"

dpkg-deb -x "$deb" "$work/root"
units="$work/root/usr/lib/systemd/system"
grep -q '^m uketsuke render$' "$work/root/usr/lib/sysusers.d/uketsuke.conf" && ok "sysusers.d: the uketsuke user in video, input, audio, render" || fail "sysusers.d file"
grep -q '^d /var/lib/uketsuke 0700 uketsuke uketsuke' "$work/root/usr/lib/tmpfiles.d/uketsuke.conf" && ok "tmpfiles.d: /var/lib/uketsuke" || fail "tmpfiles.d file"

echo "== systemd-analyze ($(systemd-analyze --version | head -n 1))"
# The units name their helpers by their installed paths; point those at the unpacked package
# so verify checks them, and man at its pages for Documentation=.
mkdir -p "$work/units"
for unit in uketsuke-kiosk.service uketsuke-kiosk-failed.service; do
    sed "s|/usr/libexec/uketsuke/|$work/root/usr/libexec/uketsuke/|" "$units/$unit" >"$work/units/$unit"
done
if (cd "$work/units" && MANPATH="$work/root/usr/share/man" systemd-analyze verify \
    ./uketsuke-kiosk.service ./uketsuke-kiosk-failed.service); then
    ok "systemd-analyze verify: clean"
else
    fail "systemd-analyze verify (above)"
fi
rating=$(systemd-analyze security --offline=yes "$units/uketsuke-kiosk.service" 2>/dev/null |
    sed -n 's/.*Overall exposure level for uketsuke-kiosk.service: \([0-9.]*\).*/\1/p')
if [ -n "$rating" ] && systemd-analyze security --offline=yes --threshold=39 "$units/uketsuke-kiosk.service" >/dev/null 2>&1; then
    ok "systemd-analyze security: $rating (below 4)"
else
    fail "systemd-analyze security rates the kiosk's unit ${rating:-?}: it must stay below 4"
fi
service="$units/uketsuke-kiosk.service"
grep -q '^ExecStart=/usr/libexec/uketsuke/kiosk-session ' "$service" && ok "the session passes the kiosk's exit status through cage" || fail "ExecStart does not go through kiosk-session"
! grep -q 'cage .*-s' "$work/root/usr/libexec/uketsuke/kiosk-session" && ok "cage without -s: no VT switching" || fail "cage is started with -s (VT switching)"
grep -qx 'Restart=on-failure' "$service" && ok "a deliberate exit (status 0) stays stopped, a crash restarts" || fail "Restart= is not on-failure"
grep -q '^StartLimitBurst=' "$service" && grep -q '^StartLimitIntervalSec=' "$service" && ok "a start limit" || fail "no start limit"

[ "$failures" -eq 0 ] || { echo "== $failures package checks failed"; exit 1; }
echo "== the package passes"
