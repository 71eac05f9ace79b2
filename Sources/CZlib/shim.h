#ifndef STREAMJOBS_CZLIB_SHIM_H
#define STREAMJOBS_CZLIB_SHIM_H
#include <zlib.h>

/* deflateInit2 and inflateInit2 are macros (they pass the library version and sizeof(z_stream)),
   which Swift cannot call; these wrappers set up raw deflate streams (no zlib header), as zip needs.
   https://zlib.net/manual.html#Advanced */
static inline int sj_deflate_init_raw(z_streamp stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
}

static inline int sj_inflate_init_raw(z_streamp stream) {
    return inflateInit2(stream, -MAX_WBITS);
}
#endif
