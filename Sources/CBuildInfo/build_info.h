#ifndef CERTORDER_BUILD_INFO_H
#define CERTORDER_BUILD_INFO_H

// The commit `certorder --version` names. scripts/install builds with
// -Xcc -DCERTORDER_COMMIT='"<git commit>"'; a plain `swift build` (or a build from a tarball)
// leaves it empty and the version says "commit unknown". A C macro, because Swift's own -D
// flags carry no values and a build plugin would have to run git in its sandbox.
#ifndef CERTORDER_COMMIT
#define CERTORDER_COMMIT ""
#endif

static inline const char *certorder_build_commit(void) { return CERTORDER_COMMIT; }

#endif
