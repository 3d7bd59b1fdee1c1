# Installation and the Debian package: `cpack -G DEB` in the build folder writes
# uketsuke_VERSION_ARCH.deb. packaging/check-package.sh checks it (lintian and what a kiosk
# needs); tools/setup.sh test runs that check.
include(GNUInstallDirs)

set(UKETSUKE_DEB_MAINTAINER "Uketsuke maintainers <maintainers@users.noreply.b-seed-d7c00d4b.example>"
    CACHE STRING "Maintainer field of the .deb: a name and an e-mail address")

# Debian wants the changelog's newest entry to be the version it packages: a release that
# bumps project(VERSION) without a changelog entry fails here, not in lintian.
file(STRINGS packaging/changelog changelog_head LIMIT_COUNT 1)
if(NOT changelog_head MATCHES "^uketsuke \\(${PROJECT_VERSION}\\) ")
  message(FATAL_ERROR "packaging/changelog: the newest entry is \"${changelog_head}\", "
                      "not version ${PROJECT_VERSION} of project(): add an entry for it")
endif()

# Compressed the way dh_installchangelogs and dh_installman do (gzip -9n: no name, no time,
# so two builds give the same bytes).
set(packaging_out ${PROJECT_BINARY_DIR}/packaging)
set(packaging_gz)
foreach(source changelog uketsuke.1 uketsuke-kiosk.1 uketsuke-kiosk-setup.8)
  add_custom_command(
    OUTPUT ${packaging_out}/${source}.gz
    COMMAND ${CMAKE_COMMAND} -E make_directory ${packaging_out}
    COMMAND gzip -9n -c ${PROJECT_SOURCE_DIR}/packaging/${source} > ${packaging_out}/${source}.gz
    DEPENDS ${PROJECT_SOURCE_DIR}/packaging/${source}
    VERBATIM)
  list(APPEND packaging_gz ${packaging_out}/${source}.gz)
endforeach()
add_custom_target(uketsuke_packaging_files ALL DEPENDS ${packaging_gz})

# Debian's hardening (dpkg-buildflags): relocations read-only and bound at start. Only the two
# programs the package ships, so no other target relinks.
foreach(program uketsuke uketsuke-kiosk)
  if(TARGET ${program})
    target_link_options(${program} PRIVATE -Wl,-z,relro,-z,now)
  endif()
endforeach()

install(DIRECTORY assets/i18n DESTINATION ${CMAKE_INSTALL_DATADIR}/uketsuke)
install(DIRECTORY assets/paper DESTINATION ${CMAKE_INSTALL_DATADIR}/uketsuke)
install(FILES packaging/uketsuke-kiosk.service packaging/uketsuke-kiosk-failed.service
        DESTINATION lib/systemd/system)
install(FILES packaging/sysusers.conf DESTINATION lib/sysusers.d RENAME uketsuke.conf)
install(FILES packaging/tmpfiles.conf DESTINATION lib/tmpfiles.d RENAME uketsuke.conf)
install(PROGRAMS packaging/kiosk-session packaging/kiosk-failed DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/uketsuke)
install(PROGRAMS packaging/uketsuke-kiosk-setup DESTINATION ${CMAKE_INSTALL_SBINDIR})
# A conffile (packaging/debian/conffiles): dpkg keeps the organizer's edits on upgrade.
install(FILES packaging/kiosk.toml DESTINATION /etc/uketsuke)
install(FILES packaging/copyright ${packaging_out}/changelog.gz
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/uketsuke)
install(FILES packaging/kiosk.toml DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/uketsuke
        RENAME kiosk.example.toml)
install(FILES ${packaging_out}/uketsuke.1.gz ${packaging_out}/uketsuke-kiosk.1.gz
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${packaging_out}/uketsuke-kiosk-setup.8.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man8)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME uketsuke)
set(CPACK_PACKAGE_CONTACT "${UKETSUKE_DEB_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "offline self check-in kiosk for workshops and conferences")
# Debian's long description: lines start with a space, an empty line is " ." (CPackDeb
# indents each line; a line of its own must hold the dot).
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION [=[
Uketsuke (受付, reception desk) runs the entrance of a workshop or a
conference: participants hold up a QR ticket (a phone or paper) to a
camera or a USB barcode scanner, and a fullscreen touchscreen kiosk
confirms the registration and shows their name, group, table and
facilitator. Staff fix anything on the same screen behind a PIN.
.
Every kiosk works on its own SQLite event file with no network; a
PostgreSQL hub can keep several kiosks in step. After the event the
organizer merges all kiosks into one attendance record.
.
The package holds the kiosk (uketsuke-kiosk, started at boot inside the
cage Wayland compositor by the uketsuke-kiosk systemd unit), the
organizer's command-line tool (uketsuke: import registrations, issue
tickets, seat groups, report attendance) and uketsuke-kiosk-setup, which
turns a fresh Debian mini-PC into a kiosk in one command.]=])
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Shared-library dependencies come from dpkg-shlibdeps; these are the ones it cannot see:
# without a Japanese font the kiosk cannot show a name, so the font is a dependency.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-noto-cjk")
# The kiosk's session: cage, which in Debian 12 (0.1.4) exits at start without Xwayland.
# Recommended, not required: an organizer's desktop needs only the command-line tool.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "cage, xwayland")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/packaging/debian/conffiles ${PROJECT_SOURCE_DIR}/packaging/debian/postinst
    ${PROJECT_SOURCE_DIR}/packaging/debian/prerm ${PROJECT_SOURCE_DIR}/packaging/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
