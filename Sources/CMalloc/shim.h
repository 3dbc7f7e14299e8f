// glibc's allocator tuning (mallopt), which the C library module does not include.
#include <malloc.h>
