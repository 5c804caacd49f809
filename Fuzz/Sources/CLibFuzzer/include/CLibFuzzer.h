// libFuzzer's entry for programs that have their own main (it is linked from
// libclang_rt.fuzzer_no_main, see scripts/fuzz).
#ifndef SECURITY_OVERVIEW_LIBFUZZER_H
#define SECURITY_OVERVIEW_LIBFUZZER_H
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
