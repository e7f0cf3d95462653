// syncfs(2) is a GNU extension that Swift's Glibc module does not expose; this is its only wrapper.
#define _GNU_SOURCE
#include <unistd.h>
#include "csyncfs.h"

int sevenbridge_syncfs(int fd) {
#ifdef __linux__
    return syncfs(fd);
#else
    return fsync(fd);
#endif
}
