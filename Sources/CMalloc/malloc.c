// mallopt is declared in <malloc.h>, which Swift's view of the C library
// leaves out: this file calls it for the Swift code.
#include "CMalloc.h"
#include <stdlib.h> // defines __GLIBC__ on glibc
#if defined(__GLIBC__)
#include <malloc.h>
#endif

int cmalloc_set_top_pad(int bytes) {
#if defined(__GLIBC__) && defined(M_TOP_PAD)
    return mallopt(M_TOP_PAD, bytes);
#else
    (void)bytes;
    return 0;
#endif
}
