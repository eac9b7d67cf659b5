#include "diagnostic.hpp"

namespace kifu {

std::string to_string(const Diagnostic& d) {
  return (d.pointer.empty() ? std::string("(document)") : d.pointer) + ": " + d.message;
}

std::string excerpt(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t cut = max_bytes;
  // Step back over continuation bytes (10xxxxxx) to the start of a character.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "\u2026";
}

std::string quote_excerpt(std::string_view text, std::size_t max_bytes) {
  return '"' + excerpt(text, max_bytes) + '"';
}

Diagnostic document_too_large(std::size_t bytes, std::size_t limit) {
  return {"", "is " + std::to_string(bytes) + " bytes; the limit is " + std::to_string(limit) +
                  " bytes (1 MiB)"};
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
