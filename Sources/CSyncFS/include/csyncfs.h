#ifndef CSYNCFS_H
#define CSYNCFS_H

/// Flushes the file system that holds the open file `fd` (Linux syncfs(2)); 0 on success, -1 with errno set.
int sevenbridge_syncfs(int fd);

#endif
