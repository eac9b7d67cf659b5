// Diagnostics: what validation says about a document, each naming the field
// as a JSON pointer (RFC 6901) and the reason in plain English.
//
//   Diagnostics d;
//   d.error("/goal", "must be a positive integer amount in JPY (no minor units)");
//   d.to_string(d.errors[0]) == "/goal: must be a positive integer amount in JPY (no minor units)"
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kifu {

struct Diagnostic {
  std::string pointer;  // "" is the whole document
  std::string message;
};

// "/goal: must be ..." — the form people read in logs and consoles.
std::string to_string(const Diagnostic& d);

struct Diagnostics {
  std::vector<Diagnostic> errors;
  std::vector<Diagnostic> warnings;

  void error(std::string pointer, std::string message) {
    errors.push_back({std::move(pointer), std::move(message)});
  }
  void warning(std::string pointer, std::string message) {
    warnings.push_back({std::move(pointer), std::move(message)});
  }
  bool ok() const { return errors.empty(); }
};

// A parse result: the value when there were no errors, and everything said
// about the input either way. The core never throws across its API.
template <class T>
struct Parsed {
  std::optional<T> value;
  Diagnostics diagnostics;
  bool ok() const { return value.has_value(); }
};

// The user's text for a message, cut to at most max_bytes at a UTF-8
// character boundary (then marked with "…"), so a message is always valid
// UTF-8 and short; quote_excerpt puts it in double quotes.
std::string excerpt(std::string_view text, std::size_t max_bytes = 40);
std::string quote_excerpt(std::string_view text, std::size_t max_bytes = 40);

// The error for a document over the size limit; also used by callers that
// refuse a file before reading all of it, so both report its true size.
Diagnostic document_too_large(std::size_t bytes, std::size_t limit);

// Escapes one reference token of a JSON pointer ("a/b" -> "a~1b").
std::string pointer_token(std::string_view key);

}  // namespace kifu
