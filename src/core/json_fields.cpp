#include "json_fields.hpp"

#include <charconv>
#include <set>
#include <vector>

#include "campaign.hpp"

namespace kifu::detail {

namespace {

constexpr std::size_t max_depth = 32;

std::string decimal(std::uint64_t v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, end);
}

// Parser messages quote the offending input, which may be anything: keep
// them printable ASCII so every log and JSON report can carry them.
std::string printable(std::string_view s) {
  std::string out;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    out += (c >= 0x20 && c < 0x7f) ? ch : '?';
  }
  return out;
}

// One pass over the text with nlohmann's SAX interface, which does not
// recurse: it bounds nesting and finds duplicate keys (which a DOM parser
// would silently collapse), and hands every accepted event on to nlohmann's
// own DOM builder. One pass, and one instantiation of the parser in the
// wasm module instead of three (screen, DOM, DOM with callback): the parser
// is the largest piece of nlohmann in kifu-core.wasm.
class Screen {
 public:
  Screen(Diagnostics& d, json& result) : diagnostics_(d), dom_(result, false) {}

  bool null() { return value() && dom_.null(); }
  bool boolean(bool v) { return value() && dom_.boolean(v); }
  bool number_integer(json::number_integer_t v) { return value() && dom_.number_integer(v); }
  bool number_unsigned(json::number_unsigned_t v) { return value() && dom_.number_unsigned(v); }
  bool number_float(json::number_float_t v, const json::string_t& s) {
    return value() && dom_.number_float(v, s);
  }
  bool string(json::string_t& v) { return value() && dom_.string(v); }
  bool binary(json::binary_t& v) { return value() && dom_.binary(v); }
  bool start_object(std::size_t n) { return open(true) && dom_.start_object(n); }
  bool start_array(std::size_t n) { return open(false) && dom_.start_array(n); }
  bool end_object() { return close() && dom_.end_object(); }
  bool end_array() { return close() && dom_.end_array(); }
  bool key(json::string_t& k) {
    Frame& f = frames_.back();
    f.key = k;
    if (!f.keys.insert(k).second) {
      diagnostics_.error(pointer(),
                         "duplicate key; a JSON reader would keep only one of the values");
      return false;
    }
    return dom_.key(k);
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& ex) {
    std::string what = ex.what();
    // Drop nlohmann's "[json.exception.parse_error.101] " prefix.
    if (auto close = what.find("] "); close != std::string::npos) what.erase(0, close + 2);
    diagnostics_.error("", "is not valid JSON: " + printable(what));
    return false;
  }

 private:
  struct Frame {
    bool object;
    std::size_t index = 0;
    std::string key;
    std::set<std::string> keys;  // not a hash set: std::set shares nlohmann's tree code
  };

  std::string pointer() const {
    std::string p;
    for (const Frame& f : frames_) {
      p += '/';
      p += f.object ? pointer_token(f.key) : decimal(f.index);
    }
    return p;
  }
  bool value() {
    if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
    return true;
  }
  bool open(bool object) {
    if (frames_.size() >= max_depth) {
      diagnostics_.error(pointer(), "is nested more than " + decimal(max_depth) +
                                        " levels deep; no Kifu document needs that");
      return false;
    }
    frames_.push_back(Frame{object, 0, {}, {}});
    return true;
  }
  bool close() {
    frames_.pop_back();
    return value();
  }

  Diagnostics& diagnostics_;
  std::vector<Frame> frames_;
  nlohmann::detail::json_sax_dom_parser<json> dom_;
};

}  // namespace

std::optional<json> parse_document(std::string_view text, Diagnostics& diagnostics) {
  if (text.size() > max_document_bytes) {
    auto d = document_too_large(text.size(), max_document_bytes);
    diagnostics.error(d.pointer, d.message);
    return std::nullopt;
  }
  json doc;
  Screen screen(diagnostics, doc);
  const auto errors_before = diagnostics.errors.size();
  const bool ok = json::sax_parse(text, &screen, json::input_format_t::json, true);
  if (diagnostics.errors.size() != errors_before) return std::nullopt;
  if (!ok) {  // every refusal above records its reason, so this is not expected
    diagnostics.error("", "is not valid JSON");
    return std::nullopt;
  }
  return doc;
}

std::string describe(const json& value) {
  switch (value.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::boolean:
      return value.get<bool>() ? "true" : "false";
    case json::value_t::string:
      return "a string";
    case json::value_t::array:
      return "an array";
    case json::value_t::object:
      return "an object";
    case json::value_t::number_float:
      return "a number with a fraction or exponent";
    default:
      return "a number";
  }
}

std::string amount_rule(const Currency* currency, bool positive) {
  std::string rule = positive ? "must be a positive integer amount" : "must be an integer amount";
  if (!positive) rule += " of zero or more";
  if (currency == nullptr) return rule + " in the currency's minor units";
  std::string code(currency->code);
  if (currency->minor_digits == 0) return rule + " in " + code + " (no minor units)";
  std::string per = "1";
  for (int i = 0; i < currency->minor_digits; ++i) per += '0';
  return rule + " in minor units of " + code + " (" + per + " = 1 " + code + ")";
}

FieldReader::FieldReader(const json& value, std::string pointer, Diagnostics& diagnostics)
    : pointer_(std::move(pointer)), diagnostics_(diagnostics) {
  if (value.is_object()) {
    object_ = &value;
  } else {
    diagnostics_.error(pointer_, "must be an object, got " + describe(value));
  }
}

std::string FieldReader::at(std::string_view key) const {
  return pointer_ + "/" + pointer_token(key);
}

bool FieldReader::schema_version(std::string_view format_name, int supported) {
  const std::string reads = "this Kifu reads version " + std::to_string(supported);
  const json* v = member("schema_version", false);
  if (v == nullptr) {
    diagnostics_.error(at("schema_version"), "is required: say which version of the " +
                                                 std::string(format_name) +
                                                 " format this file follows (" + reads + ")");
    return false;
  }
  if (!v->is_number_integer() || v->get<std::int64_t>() != supported) {
    diagnostics_.error(
        at("schema_version"),
        std::string(format_name) + " format version " +
            (v->is_number_integer() ? std::to_string(v->get<std::int64_t>()) : describe(*v)) +
            " is not supported; " + reads);
    return false;
  }
  return true;
}

const json* FieldReader::member(std::string_view key, bool required) {
  if (object_ == nullptr) return nullptr;
  read_.emplace(key);
  auto it = object_->find(key);
  if (it == object_->end()) {
    if (required) diagnostics_.error(at(key), "is required but missing");
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> FieldReader::text(std::string_view key, bool required,
                                             std::size_t max_bytes, bool multiline) {
  const json* v = member(key, required);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) {
    diagnostics_.error(at(key), "must be a string, got " + describe(*v));
    return std::nullopt;
  }
  const auto& s = v->get_ref<const std::string&>();
  if (s.empty()) {
    diagnostics_.error(at(key), "must not be empty");
    return std::nullopt;
  }
  if (s.size() > max_bytes) {
    diagnostics_.error(
        at(key), "is " + decimal(s.size()) + " bytes long; the limit is " + decimal(max_bytes));
    return std::nullopt;
  }
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    const bool allowed_break = multiline && (c == '\n' || c == '\t');
    if ((c < 0x20 || c == 0x7f) && !allowed_break) {
      diagnostics_.error(
          at(key), "contains a control character (code " + decimal(c) + "), which cannot be shown");
      return std::nullopt;
    }
  }
  return s;
}

std::optional<std::int64_t> FieldReader::amount(std::string_view key, const Currency* currency,
                                                bool positive, bool required) {
  const json* v = member(key, required);
  if (v == nullptr) return std::nullopt;
  const std::string rule = amount_rule(currency, positive);
  if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(max_amount)) {
    diagnostics_.error(at(key), rule + "; " + decimal(v->get<std::uint64_t>()) +
                                    " is beyond the largest amount Kifu holds (" +
                                    decimal(static_cast<std::uint64_t>(max_amount)) + ")");
    return std::nullopt;
  }
  if (v->is_number_integer()) {
    const auto n = v->get<std::int64_t>();
    if (n < 0 || (positive && n == 0)) {
      diagnostics_.error(at(key),
                         rule + ", got " + (n == 0 ? std::string("0") : "a negative number"));
      return std::nullopt;
    }
    return n;
  }
  if (v->is_number_float()) {
    const double d = v->get<double>();
    // 9.2e18: anything this large arrived as a float because it has no
    // 64-bit integer form.
    if (d >= 9.2e18 || d <= -9.2e18) {
      diagnostics_.error(at(key), rule + "; the value is beyond the largest amount Kifu holds (" +
                                      decimal(static_cast<std::uint64_t>(max_amount)) + ")");
    } else {
      diagnostics_.error(at(key), rule + ", got " + describe(*v));
    }
    return std::nullopt;
  }
  diagnostics_.error(at(key), rule + ", got " + describe(*v));
  return std::nullopt;
}

std::optional<std::int64_t> FieldReader::integer(std::string_view key, std::int64_t min,
                                                 std::int64_t max, bool required) {
  const json* v = member(key, required);
  if (v == nullptr) return std::nullopt;
  const std::string rule =
      "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  if (!v->is_number_integer() ||
      (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(max))) {
    diagnostics_.error(at(key), rule + ", got " + describe(*v));
    return std::nullopt;
  }
  const auto n = v->get<std::int64_t>();
  if (n < min || n > max) {
    diagnostics_.error(at(key), rule + ", got " + std::to_string(n));
    return std::nullopt;
  }
  return n;
}

std::optional<bool> FieldReader::boolean(std::string_view key, bool required) {
  const json* v = member(key, required);
  if (v == nullptr) return std::nullopt;
  if (!v->is_boolean()) {
    diagnostics_.error(at(key), "must be true or false, got " + describe(*v));
    return std::nullopt;
  }
  return v->get<bool>();
}

void FieldReader::warn_unknown() {
  if (object_ == nullptr) return;
  for (const auto& [key, value] : object_->items()) {
    if (read_.find(key) == read_.end()) {
      diagnostics_.warning(at(key), "is not a field Kifu knows; it is ignored");
    }
  }
}

}  // namespace kifu::detail
