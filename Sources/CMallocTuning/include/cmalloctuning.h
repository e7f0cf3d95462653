#ifndef CMALLOCTUNING_H
#define CMALLOCTUNING_H

/// Sets glibc's malloc so that a long export's memory stays flat: buffers of `mmap_threshold` bytes and more are
/// mapped and unmapped whole (a fixed threshold; glibc's adaptive one rises to 32 MiB after the first large free),
/// and at most `arenas` malloc arenas exist. Does nothing on other C libraries. Call it before threads start.
void sevenbridge_tune_malloc(int mmap_threshold, int arenas);

#endif
