# Debian packages (`cpack -G DEB` in the build folder, or scripts/package):
#   nastavnik-server  the sync server, its systemd unit, the nginx front's files, docs
#   nastavnik         the desktop client and nastavnik-cli, with a menu entry and icon
#   nastavnik-common  what both read: i18n catalogs, instruments, the demo registry
# Dependencies on libraries are found by dpkg-shlibdeps from the binaries themselves.
set(CPACK_GENERATOR DEB)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL server client common)
set(CPACK_PACKAGE_NAME nastavnik)
set(CPACK_PACKAGE_VENDOR "Nastavnik")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "Nastavnik developers <packages@nastavnik.ru>")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(DEB_DIR ${CMAKE_CURRENT_SOURCE_DIR}/syncserver/deploy/debian)

set(CPACK_DEBIAN_SERVER_PACKAGE_NAME nastavnik-server)
set(CPACK_DEBIAN_SERVER_PACKAGE_SECTION net)
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "nastavnik-common (= ${PROJECT_VERSION}), adduser")
set(CPACK_DEBIAN_SERVER_PACKAGE_RECOMMENDS "nginx, sqlite3")
set(CPACK_DEBIAN_SERVER_PACKAGE_SUGGESTS "postgresql")
set(CPACK_COMPONENT_SERVER_DESCRIPTION "municipal sync server for network-mentoring programmes\n\
Receives the signed changesets of teachers', tutors', mentors' and\n\
methodologists' laptops, checks them against each person's role and merges\n\
them into the municipal store; devices pull what their role may see.\n\
Runs under systemd behind the shipped nginx site.")
configure_file(${DEB_DIR}/server-conffiles ${CMAKE_CURRENT_BINARY_DIR}/deb-server/conffiles COPYONLY)
foreach(script postinst prerm postrm)
  configure_file(${DEB_DIR}/server-${script} ${CMAKE_CURRENT_BINARY_DIR}/deb-server/${script} COPYONLY)
endforeach()
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    ${CMAKE_CURRENT_BINARY_DIR}/deb-server/conffiles ${CMAKE_CURRENT_BINARY_DIR}/deb-server/postinst
    ${CMAKE_CURRENT_BINARY_DIR}/deb-server/prerm ${CMAKE_CURRENT_BINARY_DIR}/deb-server/postrm)
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_CLIENT_PACKAGE_NAME nastavnik)
set(CPACK_DEBIAN_CLIENT_PACKAGE_SECTION education)
set(CPACK_DEBIAN_CLIENT_PACKAGE_DEPENDS "nastavnik-common (= ${PROJECT_VERSION}), fonts-dejavu-core")
set(CPACK_COMPONENT_CLIENT_DESCRIPTION "offline-first journal of network mentoring for schools\n\
Desktop client and command-line client that keep a local replica of a\n\
teacher's, tutor's, mentor's or methodologist's work and sync it with the\n\
municipal server whenever a network appears.")

set(CPACK_DEBIAN_COMMON_PACKAGE_NAME nastavnik-common)
set(CPACK_DEBIAN_COMMON_PACKAGE_ARCHITECTURE all)
set(CPACK_COMPONENT_COMMON_DESCRIPTION "shared data of the Nastavnik programs\n\
Russian and English message catalogs, self-assessment instruments,\n\
observation protocols and the demo registry of Volosovo district.")

# Every package carries the project's changelog, compressed as Debian policy wants it.
set(DEB_CHANGELOG ${CMAKE_CURRENT_BINARY_DIR}/deb-doc/changelog.gz)
file(MAKE_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/deb-doc)
execute_process(COMMAND gzip -9nc ${DEB_DIR}/changelog OUTPUT_FILE ${DEB_CHANGELOG})
install(FILES ${DEB_CHANGELOG} DESTINATION share/doc/nastavnik-server COMPONENT server)
install(FILES ${DEB_CHANGELOG} DESTINATION share/doc/nastavnik COMPONENT client)
install(FILES ${DEB_CHANGELOG} DESTINATION share/doc/nastavnik-common COMPONENT common)

include(CPack)
