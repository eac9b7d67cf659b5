// snprintf for the browser modules: the one format they use, nothing else.
//
// The one snprintf call in the modules is nlohmann's lexer writing a control
// character into a parse error as "<U+001F>" (lexer.hpp, format "<U+%.4X>").
// libc's snprintf brings printf's whole formatting engine (printf_core with
// its helpers: about 3.3 KB of kifu-core.wasm, ~1.3 KB of the page's gzip
// download, measured) for that one line. Any other format traps loudly
// instead of printing something wrong; the core formats its numbers itself
// (format.cpp), and nlohmann's other snprintf calls (its serializer and
// binary readers) are not linked into these modules. The native build uses
// the system's snprintf.
// Linked into kifu-core and kifu-estimator (src/wasm/CMakeLists.txt); tested by
// tests/js/core-bindings.test.mjs (the U+ text in a parse error, both modules).
#include <cstdarg>
#include <cstddef>
#include <cstring>

extern "C" int snprintf(char* out, std::size_t size, const char* format, ...) {
  if (std::strcmp(format, "<U+%.4X>") != 0) __builtin_trap();
  va_list args;
  va_start(args, format);
  const unsigned value = va_arg(args, unsigned);
  va_end(args);
  static constexpr char hex[] = "0123456789ABCDEF";
  // "%.4X": at least four upper-case hex digits (an unsigned char needs two).
  char text[16] = "<U+";
  std::size_t n = 3;
  for (int shift = 12; shift >= 0; shift -= 4) text[n++] = hex[(value >> shift) & 15u];
  text[n++] = '>';
  if (size > 0) {
    const std::size_t copied = n < size ? n : size - 1;
    std::memcpy(out, text, copied);
    out[copied] = '\0';
  }
  return static_cast<int>(n);
}
