// Built into `nastavnik` only with NASTAVNIK_SANITIZE (see CMakeLists.txt).
//
// GLFW and libGL unload the OpenGL and X11 driver libraries (swrast_dri.so, libGLX_mesa, …)
// with dlclose() when the window closes. The drivers keep a few allocations for the whole
// process, and by the time LeakSanitizer looks at them at exit their code is unmapped, so
// the reports carry no module name and the driver suppressions in tests/lsan.supp cannot
// match them. Keeping every loaded library mapped until exit lets LeakSanitizer name the
// driver that allocated, so the suppressions apply and Nastavnik's own code stays checked.
// The executable's definition takes precedence over libc's for every library it loads.

extern "C" int dlclose(void*) { return 0; }
