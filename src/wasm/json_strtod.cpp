// strtod for the browser module, JSON numbers only, rounded by JavaScript.
//
// nlohmann's lexer is the one caller in the modules: it hands strtod a number
// it has already matched against JSON's grammar (one with a fraction or an
// exponent, or an integer too large for 64 bits). musl's strtod parses in
// 128-bit long double, which wasm has only in software: with it came
// floatscan, __multf3, __divtf3, fmodl and more (kifu-core.wasm measured
// 106 -> 91 KB, gzip 48.9 -> 41.7 KB, without them). JavaScript's
// Number() reads the same text correctly rounded to the nearest double, as
// glibc's strtod does natively, so the value is the same bit for bit (and
// the core only compares it with +-9.2e18 and asks whether it is finite).
//
// Any other text (leading space, hex, "inf", "nan") converts nothing: the
// result is 0 and *end is the text, as strtod does for no number at all.
// Linked into kifu-core and kifu-estimator (src/wasm/CMakeLists.txt); tested by
// tests/js/core-bindings.test.mjs against the native build (glibc).
#include <emscripten/emscripten.h>

#include <cstddef>

// The number's bytes are ASCII (the grammar below), so a char code each.
EM_JS(double, kifu_number_from_js, (const char* text, std::size_t size), {
  var s = "";
  for (var i = 0; i < size; i += 1) s += String.fromCharCode(HEAPU8[text + i]);
  return Number(s);
});

namespace {

bool digit(char c) {
  return c >= '0' && c <= '9';
}

double json_number(const char* text, char** end) {
  // -? digits (. digits)? ([eE] [+-]? digits)?
  const char* p = text;
  if (*p == '-') ++p;
  const char* first_digit = p;
  while (digit(*p)) ++p;
  if (p == first_digit) {
    if (end != nullptr) *end = const_cast<char*>(text);
    return 0;
  }
  if (*p == '.' && digit(p[1])) {
    p += 2;
    while (digit(*p)) ++p;
  }
  if (*p == 'e' || *p == 'E') {
    const char* q = p + 1;
    if (*q == '+' || *q == '-') ++q;
    if (digit(*q)) {
      p = q;
      while (digit(*p)) ++p;
    }
  }
  if (end != nullptr) *end = const_cast<char*>(p);
  return kifu_number_from_js(text, static_cast<std::size_t>(p - text));
}

}  // namespace

extern "C" {

double strtod(const char* text, char** end) {
  return json_number(text, end);
}

// libc++'s string.cpp (linked for std::to_string) names strtof and strtold
// too (for std::stof/std::stold, which kifu-core never calls); musl defines
// all three in one object, so without these the linker would bring that
// object, and its strtod, back. Same grammar; the value is rounded once to
// double first (a float may then differ from a direct rounding in the last
// bit, a long double carries no more than a double's precision).
float strtof(const char* text, char** end) {
  return static_cast<float>(json_number(text, end));
}
long double strtold(const char* text, char** end) {
  return json_number(text, end);
}

}  // extern "C"
