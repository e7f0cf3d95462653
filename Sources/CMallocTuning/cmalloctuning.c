#include "cmalloctuning.h"

#include <stdlib.h>  // defines __GLIBC__ on glibc systems

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void sevenbridge_tune_malloc(int mmap_threshold, int arenas) {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, mmap_threshold);
    mallopt(M_ARENA_MAX, arenas);
#else
    (void)mmap_threshold;
    (void)arenas;
#endif
}
