#ifndef STREAMJOBS_CLIBPQ_SHIM_H
#define STREAMJOBS_CLIBPQ_SHIM_H
/* libpq has no variadic calls we use; the shim only gathers the headers. */
#include <libpq-fe.h>
#endif
