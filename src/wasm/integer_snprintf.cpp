// snprintf for the browser module, integers only.
//
// The one snprintf call in the modules is nlohmann's lexer writing a control
// character into a parse error as "<U+001F>". libc's snprintf links printf's
// floating-point formatting with it (printf_core's fmt_fp: about 1.7 KB of
// the page's gzip download, measured on kifu-core.wasm). Emscripten's libc
// has an integer-only variant, vsniprintf (the one its iprintf uses); this
// definition routes snprintf there, and the linker then takes no snprintf
// from libc. A floating-point conversion (%f, %g) would hit a null function
// and trap loudly instead of printing a wrong number; the core formats
// numbers itself (format.cpp) and never asks printf for one.
// Linked into kifu-core and kifu-estimator (src/wasm/CMakeLists.txt); tested by
// tests/js/core-c-abi.test.mjs (the U+ text in a parse error).
#include <cstdarg>
#include <cstddef>

extern "C" {
int vsniprintf(char* out, std::size_t size, const char* format, va_list args);

int snprintf(char* out, std::size_t size, const char* format, ...) {
  va_list args;
  va_start(args, format);
  const int written = vsniprintf(out, size, format, args);
  va_end(args);
  return written;
}
}
