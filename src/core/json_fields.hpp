// Reading untrusted JSON documents into validated fields. Internal to the
// core: campaign.cpp and feed.cpp are its users.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "diagnostic.hpp"
#include "money.hpp"

namespace kifu::detail {

using nlohmann::json;

// Parses a whole document, refusing (with a diagnostic at "") what no
// campaign file needs: more than max_document_bytes, nesting deeper than 32,
// duplicate keys (a JSON reader would silently keep one of the values), and
// syntax errors, reported with line and column.
std::optional<json> parse_document(std::string_view text, Diagnostics& diagnostics);

// Reads the fields of one JSON object, each named by its JSON pointer in
// every diagnostic. Keys never read are reported as unknown (warnings).
class FieldReader {
 public:
  // An error is recorded when `value` is not an object.
  FieldReader(const json& value, std::string pointer, Diagnostics& diagnostics);

  bool is_object() const { return object_ != nullptr; }
  std::string at(std::string_view key) const;  // pointer of a member
  const std::string& pointer() const { return pointer_; }
  Diagnostics& diagnostics() { return diagnostics_; }

  // Checks /schema_version against the one version this build reads. An
  // unsupported version gets one clear error and nothing else: the rest of
  // the document follows rules this build does not know.
  bool schema_version(std::string_view format_name, int supported);

  // The raw member, or nullptr when absent (and an error when `required`).
  const json* member(std::string_view key, bool required);

  // A string of 1..max_bytes bytes with no control characters (newlines
  // allowed only when multiline).
  std::optional<std::string> text(std::string_view key, bool required, std::size_t max_bytes,
                                  bool multiline = false);
  // An amount in minor units of `currency` (or of an unknown currency when
  // null). positive: > 0, otherwise >= 0.
  std::optional<std::int64_t> amount(std::string_view key, const Currency* currency, bool positive,
                                     bool required = true);
  // A whole number in [min, max].
  std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max,
                                      bool required = true);
  std::optional<bool> boolean(std::string_view key, bool required = false);

  // Warnings for every member not read so far.
  void warn_unknown();

 private:
  const json* object_ = nullptr;
  std::string pointer_;
  Diagnostics& diagnostics_;
  std::set<std::string, std::less<>> read_;
};

// "a string", "an array", "a fractional number", ... for messages.
std::string describe(const json& value);

// The amount rule in words: "a positive integer amount in JPY (no minor units)".
std::string amount_rule(const Currency* currency, bool positive);

}  // namespace kifu::detail
