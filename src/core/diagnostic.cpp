#include "diagnostic.hpp"

namespace kifu {

std::string to_string(const Diagnostic& d) {
  return (d.pointer.empty() ? std::string("(document)") : d.pointer) + ": " + d.message;
}

std::string pointer_token(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace kifu
