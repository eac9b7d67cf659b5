#include "record.hpp"

#include <array>
#include <charconv>
#include <cstring>

#include "dates.hpp"

namespace kifu {

namespace {

enum Field : std::size_t {
  f_id,
  f_time,
  f_channel,
  f_amount,
  f_points,
  f_program,
  f_donor,
  f_status
};
constexpr std::size_t field_count = 8;

// What a field held, before its rules are checked. JSON gives real types; a
// CSV cell is always text (`cell`), read as a number only where one belongs.
enum class Kind { absent, string, cell, integer, fraction, boolean, null, nested };
struct Value {
  Kind kind = Kind::absent;
  std::string text;  // decoded string, or the number as written
};
using Fields = std::array<Value, field_count>;

std::string pointer_of(std::size_t field) {
  return "/" + std::string(record_fields[field]);
}

std::string decimal(std::uint64_t v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, end);
}

std::string hex_byte(unsigned char c) {
  const char* digits = "0123456789ABCDEF";
  return std::string("0x") + digits[c >> 4] + digits[c & 15];
}

// The index of the first byte that is not part of valid UTF-8 (overlong
// forms, surrogates and code points past U+10FFFF are invalid), or npos.
std::size_t invalid_utf8_at(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;  // no UTF-16 surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;  // nothing past U+10FFFF
    } else {
      return i;
    }
    if (i + len > n) return i;
    const auto c1 = static_cast<unsigned char>(s[i + 1]);
    if (c1 < lo || c1 > hi) return i;
    for (std::size_t k = 2; k < len; ++k) {
      const auto ck = static_cast<unsigned char>(s[i + k]);
      if (ck < 0x80 || ck > 0xBF) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// A small JSON reader for one flat object per line. Records never nest, so
// this reads no deeper than one level (no recursion for hostile input to
// exploit) and is several times faster than building a DOM per line.
class FlatJson {
 public:
  FlatJson(std::string_view s, Fields& fields) : s_(s), fields_(fields) {}

  // An empty string when the line is a well-formed flat object.
  std::string read() {
    ws();
    if (!eat('{')) return "must be a JSON object, one per line" + got();
    ws();
    if (eat('}')) return trailing();
    std::vector<std::string> seen;
    for (;;) {
      ws();
      std::string key;
      if (peek() != '"') return "expected a quoted key" + got();
      ++i_;
      if (auto e = string(key); !e.empty()) return e;
      for (const auto& k : seen) {
        if (k == key)
          return "duplicate key \"" + excerpt(key) + "\"; which value counts is unclear";
      }
      seen.push_back(key);
      ws();
      if (!eat(':')) return "expected ':' after the key \"" + excerpt(key) + "\"" + got();
      ws();
      Value v;
      if (auto e = value(v, key); !e.empty()) return e;
      for (std::size_t f = 0; f < field_count; ++f) {
        if (key == record_fields[f]) fields_[f] = std::move(v);
      }
      ws();
      if (eat(',')) continue;
      if (eat('}')) return trailing();
      return "expected ',' or '}' after the value of \"" + excerpt(key) + "\"" + got();
    }
  }

 private:
  char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  bool eat(char c) {
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  void ws() {
    while (i_ < s_.size() &&
           (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\r' || s_[i_] == '\n')) {
      ++i_;
    }
  }
  std::string got() const {
    if (i_ >= s_.size()) return " but the line ends";
    return " at column " + decimal(i_ + 1);
  }
  std::string trailing() {
    ws();
    if (i_ != s_.size()) return "has text after the closing '}'" + got();
    return {};
  }

  std::string string(std::string& out) {
    for (;;) {
      if (i_ >= s_.size()) return "a string is never closed" + got();
      const char c = s_[i_++];
      if (c == '"') return {};
      if (static_cast<unsigned char>(c) < 0x20) {
        return "a string holds a raw control character (code " +
               decimal(static_cast<unsigned char>(c)) + "); JSON needs it escaped";
      }
      if (c != '\\') {
        out += c;
        continue;
      }
      if (i_ >= s_.size()) return "a string is never closed" + got();
      const char e = s_[i_++];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out += e;
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          auto cp = hex4();
          if (!cp) return "a \\u escape needs four hex digits" + got();
          if (*cp >= 0xDC00 && *cp <= 0xDFFF) return "a \\u escape is a lone low surrogate";
          if (*cp >= 0xD800 && *cp <= 0xDBFF) {
            if (!(eat('\\') && eat('u'))) return "a \\u escape is a lone high surrogate";
            auto low = hex4();
            if (!low || *low < 0xDC00 || *low > 0xDFFF) {
              return "a \\u escape is a lone high surrogate";
            }
            *cp = 0x10000 + ((*cp - 0xD800) << 10) + (*low - 0xDC00);
          }
          append_utf8(out, *cp);
          break;
        }
        default:
          return "a string has an unknown escape \\" + std::string(1, e) + got();
      }
    }
  }
  std::optional<std::uint32_t> hex4() {
    if (i_ + 4 > s_.size()) return std::nullopt;
    std::uint32_t v = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = s_[i_++];
      v <<= 4;
      if (c >= '0' && c <= '9') {
        v |= static_cast<std::uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        v |= static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        v |= static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        return std::nullopt;
      }
    }
    return v;
  }
  bool literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }
  static bool digit(char c) { return c >= '0' && c <= '9'; }

  std::string value(Value& v, const std::string& key) {
    const char c = peek();
    if (c == '"') {
      ++i_;
      v.kind = Kind::string;
      return string(v.text);
    }
    if (c == '{' || c == '[') {
      // Refused later with the field's name, if it is a field Kifu reads;
      // a nested value under an unknown key is refused here.
      v.kind = Kind::nested;
      for (std::size_t f = 0; f < field_count; ++f) {
        if (key == record_fields[f]) return "/" + key + ": must not be an object or array";
      }
      return "records are flat: \"" + excerpt(key) + "\" holds an object or array";
    }
    if (literal("true") || literal("false")) {
      v.kind = Kind::boolean;
      return {};
    }
    if (literal("null")) {
      v.kind = Kind::null;
      return {};
    }
    const std::size_t start = i_;
    eat('-');
    if (eat('0')) {
      if (digit(peek())) return "a number has a leading zero" + got();
    } else if (digit(peek())) {
      while (digit(peek())) ++i_;
    } else {
      return "expected a value for \"" + excerpt(key) + "\"" + got();
    }
    v.kind = Kind::integer;
    if (eat('.')) {
      if (!digit(peek())) return "a number has no digits after '.'" + got();
      while (digit(peek())) ++i_;
      v.kind = Kind::fraction;
    }
    if (eat('e') || eat('E')) {
      if (!eat('+')) eat('-');
      if (!digit(peek())) return "a number has no digits in its exponent" + got();
      while (digit(peek())) ++i_;
      v.kind = Kind::fraction;
    }
    v.text = std::string(s_.substr(start, i_ - start));
    return {};
  }

  std::string_view s_;
  Fields& fields_;
  std::size_t i_ = 0;
};

std::string describe(const Value& v) {
  switch (v.kind) {
    case Kind::string:
      return "a string (" + quote_excerpt(v.text) + ")";
    case Kind::cell:
      return quote_excerpt(v.text);
    case Kind::integer:
      return v.text.starts_with('-') ? "a negative number" : "the number " + excerpt(v.text);
    case Kind::fraction:
      return "a number with a fraction or exponent (" + excerpt(v.text) + ")";
    case Kind::boolean:
      return "true or false";
    case Kind::null:
      return "null";
    case Kind::nested:
      return "an object or array";
    case Kind::absent:
      break;
  }
  return "nothing";
}

bool absent(const Value& v) {
  // An empty CSV cell and a JSON null both mean "not given".
  return v.kind == Kind::absent || v.kind == Kind::null || (v.kind == Kind::cell && v.text.empty());
}

class Checker {
 public:
  Checker(Fields& fields, std::vector<Diagnostic>& errors) : f_(fields), errors_(errors) {}

  void error(std::size_t field, std::string message) {
    errors_.push_back({pointer_of(field), std::move(message)});
  }

  std::optional<std::string> text(std::size_t field, bool required, std::size_t max_bytes) {
    Value& v = f_[field];
    if (absent(v)) {
      if (required) error(field, "is required but missing");
      return std::nullopt;
    }
    if (v.kind != Kind::string && v.kind != Kind::cell) {
      error(field, "must be a string, got " + describe(v));
      return std::nullopt;
    }
    if (v.text.empty()) {
      error(field, "must not be empty");
      return std::nullopt;
    }
    if (v.text.size() > max_bytes) {
      error(field,
            "is " + decimal(v.text.size()) + " bytes long; the limit is " + decimal(max_bytes));
      return std::nullopt;
    }
    for (char ch : v.text) {
      const auto c = static_cast<unsigned char>(ch);
      if (c < 0x20 || c == 0x7f) {
        error(field, "contains a control character (code " + decimal(c) + ")");
        return std::nullopt;
      }
    }
    return std::move(v.text);
  }

  // A positive whole number: a JSON integer, or a CSV cell of digits only.
  std::optional<std::int64_t> count(std::size_t field, bool required, const std::string& rule) {
    const Value& v = f_[field];
    if (absent(v)) {
      if (required) error(field, "is required but missing: " + rule);
      return std::nullopt;
    }
    if (v.kind == Kind::string) {
      error(field, rule + ", written as a JSON number, got " + describe(v));
      return std::nullopt;
    }
    const bool digits_only =
        !v.text.empty() && v.text.find_first_not_of("0123456789") == std::string::npos;
    if ((v.kind == Kind::integer || v.kind == Kind::cell) && v.text.starts_with('-') &&
        v.text.size() > 1 && v.text.find_first_not_of("0123456789", 1) == std::string::npos) {
      error(field, rule + ", got a negative number");
      return std::nullopt;
    }
    if ((v.kind != Kind::integer && v.kind != Kind::cell) || !digits_only) {
      error(field, rule + ", got " + describe(v));
      return std::nullopt;
    }
    std::uint64_t n = 0;
    for (char c : v.text) {
      const auto d = static_cast<std::uint64_t>(c - '0');
      if (n > (static_cast<std::uint64_t>(INT64_MAX) - d) / 10) {
        error(field, rule + "; " + excerpt(v.text) + " is beyond the largest amount Kifu holds (" +
                         decimal(static_cast<std::uint64_t>(INT64_MAX)) + ")");
        return std::nullopt;
      }
      n = n * 10 + d;
    }
    if (n == 0) {
      error(field, rule + ", got 0");
      return std::nullopt;
    }
    return static_cast<std::int64_t>(n);
  }

  void must_be_absent(std::size_t field, const std::string& why) {
    if (!absent(f_[field])) error(field, why);
  }

 private:
  Fields& f_;
  std::vector<Diagnostic>& errors_;
};

std::optional<Record> check_fields(Fields& fields, std::vector<Diagnostic>& errors) {
  Checker c(fields, errors);
  Record r;
  bool ok = true;

  std::optional<RecordStatus> status;
  if (auto s = c.text(f_status, true, 32)) {
    if (*s == "completed") status = RecordStatus::completed;
    if (*s == "refunded") status = RecordStatus::refunded;
    if (*s == "cancelled") status = RecordStatus::cancelled;
    if (!status)
      c.error(f_status, "must be completed, refunded or cancelled, got " + quote_excerpt(*s));
  }
  ok = ok && status;

  if (auto id = c.text(f_id, true, max_record_key_bytes)) {
    r.id = std::move(*id);
  } else {
    ok = false;
  }

  const Value& t = fields[f_time];
  if (auto text = c.text(f_time, true, 64)) {
    if (auto secs = parse_timestamp(*text)) {
      r.time = *secs;
    } else {
      ok = false;
      const bool no_offset = parse_timestamp(*text + "Z").has_value();
      c.error(f_time, no_offset ? "has no offset (like +09:00 or Z): " + quote_excerpt(*text) +
                                      " could be any of several moments"
                                : "must be a date and time with its offset, like "
                                  "2026-11-27T10:00:00+09:00, got " +
                                      quote_excerpt(*text));
    }
  } else {
    (void)t;
    ok = false;
  }

  // A refund or cancellation names the donation it undoes by id; the
  // donation's own channel, amount and donor are what it removes.
  const bool completed = status == RecordStatus::completed;
  std::optional<Channel> channel;
  if (auto name = c.text(f_channel, completed, 32)) {
    for (std::size_t i = 0; i < channel_names.size(); ++i) {
      if (*name == channel_names[i]) channel = static_cast<Channel>(i);
    }
    if (!channel) {
      c.error(f_channel, "must be points, card, transfer or offline, got " + quote_excerpt(*name));
    }
  }
  if (completed) {
    ok = ok && channel;
    if (auto donor = c.text(f_donor, true, max_record_key_bytes)) {
      r.donor = std::move(*donor);
    } else {
      ok = false;
    }
  }
  if (completed && channel == Channel::points) {
    r.channel = Channel::points;
    c.must_be_absent(f_amount,
                     "must be left out on a points record: its amount comes from the point "
                     "program's rules");
    auto points = c.count(f_points, true, "must be a positive whole number of points");
    auto program = c.text(f_program, true, 64);
    ok = ok && points && program && absent(fields[f_amount]);
    if (points) r.points = *points;
    if (program) r.program = std::move(*program);
  } else if (completed && channel) {
    r.channel = *channel;
    auto amount = c.count(f_amount, true,
                          "must be a positive integer amount in the campaign currency's minor "
                          "units");
    c.must_be_absent(f_points, "is only for the points channel");
    c.must_be_absent(f_program, "is only for the points channel");
    ok = ok && amount && absent(fields[f_points]) && absent(fields[f_program]);
    if (amount) r.amount = *amount;
  }

  if (!ok || !errors.empty()) return std::nullopt;
  r.status = *status;
  return r;
}

// Checks that apply to any record's raw text, whatever its format.
bool screen_text(std::string_view text, std::vector<Diagnostic>& errors) {
  if (text.size() > max_record_bytes) {
    errors.push_back({"", "is longer than " + decimal(max_record_bytes) +
                              " bytes; no donation record needs that (is the line end missing?)"});
    return false;
  }
  if (text.starts_with("\xEF\xBB\xBF")) {
    errors.push_back({"",
                      "starts with a byte order mark (U+FEFF), which only the very start of "
                      "a file may have (were two files joined?)"});
    return false;
  }
  if (auto bad = invalid_utf8_at(text); bad != std::string_view::npos) {
    errors.push_back({"", "is not valid UTF-8: byte " +
                              hex_byte(static_cast<unsigned char>(text[bad])) + " at column " +
                              decimal(bad + 1)});
    return false;
  }
  return true;
}

}  // namespace

std::string_view to_string(RecordStatus s) {
  switch (s) {
    case RecordStatus::completed:
      return "completed";
    case RecordStatus::refunded:
      return "refunded";
    case RecordStatus::cancelled:
      return "cancelled";
  }
  return "completed";
}

ParsedRecord parse_json_record(std::string_view line) {
  ParsedRecord out;
  if (!screen_text(line, out.errors)) return out;
  Fields fields;
  if (auto e = FlatJson(line, fields).read(); !e.empty()) {
    if (e.starts_with('/')) {
      const auto colon = e.find(": ");
      out.errors.push_back({e.substr(0, colon), e.substr(colon + 2)});
    } else {
      out.errors.push_back({"", "is not valid JSON: " + e});
    }
    return out;
  }
  out.record = check_fields(fields, out.errors);
  return out;
}

std::optional<std::vector<std::string>> split_csv_row(std::string_view row, std::string& error) {
  std::vector<std::string> cells(1);
  std::size_t i = 0;
  bool quoted_cell = false;  // the current cell was quoted and its quote closed
  while (i < row.size()) {
    const char c = row[i];
    if (c == ',') {
      cells.emplace_back();
      quoted_cell = false;
      ++i;
    } else if (c == '"' && cells.back().empty() && !quoted_cell) {
      ++i;
      for (;;) {
        if (i >= row.size()) {
          error = "a quoted cell is never closed (the input ends inside it)";
          return std::nullopt;
        }
        if (row[i] == '"') {
          if (i + 1 < row.size() && row[i + 1] == '"') {
            cells.back() += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        cells.back() += row[i++];
      }
      quoted_cell = true;
      if (i < row.size() && row[i] != ',') {
        error = "cell " + decimal(cells.size()) + " has text after its closing quote";
        return std::nullopt;
      }
    } else if (quoted_cell || c == '"') {
      error = "cell " + decimal(cells.size()) +
              " has a quote inside unquoted text; quote the "
              "whole cell and double the quote (\"say \"\"hi\"\"\")";
      return std::nullopt;
    } else {
      cells.back() += c;
      ++i;
    }
  }
  return cells;
}

CsvHeader parse_csv_header(std::string_view row) {
  CsvHeader h;
  std::vector<Diagnostic> screen;
  if (!screen_text(row, screen)) {
    h.errors = screen;
    return h;
  }
  std::string error;
  auto cells = split_csv_row(row, error);
  if (!cells) {
    h.errors.push_back({"", "the header row: " + error});
    return h;
  }
  std::array<bool, field_count> have{};
  for (const auto& cell : *cells) {
    int field = -1;
    for (std::size_t f = 0; f < field_count; ++f) {
      if (cell == record_fields[f]) field = static_cast<int>(f);
    }
    if (field >= 0) {
      const auto f = static_cast<std::size_t>(field);
      if (have[f]) h.errors.push_back({pointer_of(f), "is a column twice in the header"});
      have[f] = true;
    } else {
      h.ignored.push_back(cell);
    }
    h.field_of_column.push_back(field);
  }
  for (std::size_t f : {f_id, f_time, f_status}) {
    if (!have[f]) {
      h.errors.push_back({pointer_of(f),
                          "has no column in the header (the first row names the "
                          "columns: id,time,channel,amount,points,program,donor,"
                          "status)"});
    }
  }
  return h;
}

ParsedRecord parse_csv_record(std::string_view row, const CsvHeader& header) {
  ParsedRecord out;
  if (!screen_text(row, out.errors)) return out;
  std::string error;
  auto cells = split_csv_row(row, error);
  if (!cells) {
    out.errors.push_back({"", "is not a valid CSV row: " + error});
    return out;
  }
  if (cells->size() != header.field_of_column.size()) {
    out.errors.push_back({"", "has " + decimal(cells->size()) + " cells but the header has " +
                                  decimal(header.field_of_column.size()) + " columns"});
    return out;
  }
  Fields fields;
  for (std::size_t i = 0; i < cells->size(); ++i) {
    if (header.field_of_column[i] < 0) continue;
    fields[static_cast<std::size_t>(header.field_of_column[i])] = {Kind::cell,
                                                                   std::move((*cells)[i])};
  }
  out.record = check_fields(fields, out.errors);
  return out;
}

std::optional<std::size_t> RecordSplitter::next_end() {
  if (format_ == RecordFormat::json_lines) {
    const void* p = std::memchr(buffer_.data() + scan_, '\n', buffer_.size() - scan_);
    if (p == nullptr) {
      scan_ = buffer_.size();
      return std::nullopt;
    }
    const auto end = static_cast<std::size_t>(static_cast<const char*>(p) - buffer_.data());
    scan_ = end + 1;
    return end;
  }
  for (std::size_t i = scan_; i < buffer_.size(); ++i) {
    const char c = buffer_[i];
    if (c == '"') {
      in_quotes_ = !in_quotes_;
    } else if (c == '\n') {
      if (in_quotes_) {
        ++newlines_in_record_;
      } else {
        scan_ = i + 1;
        return i;
      }
    }
  }
  scan_ = buffer_.size();
  return std::nullopt;
}

void RecordSplitter::deliver(std::size_t start, std::size_t end, bool at_end, bool too_long,
                             const Emit& emit) {
  std::string_view text(buffer_.data() + start, end - start);
  const std::uint64_t first_line = line_;
  line_ += newlines_in_record_ + (at_end ? 0 : 1);
  newlines_in_record_ = 0;
  if (!too_long) in_quotes_ = false;
  // Spreadsheet programs start UTF-8 CSV with a byte order mark.
  if (first_line == 1 && text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (text.ends_with('\r')) text.remove_suffix(1);
  if (!too_long && text.find_first_not_of(" \t\r") == std::string_view::npos) {
    ++blank_lines_;
    return;
  }
  emit(RawRecord{first_line, text, at_end, too_long});
}

void RecordSplitter::push(std::string_view chunk, const Emit& emit) {
  buffer_.append(chunk);
  std::size_t start = 0;
  while (auto end = next_end()) {
    if (skipping_) {  // the end of a too-long record, already reported
      skipping_ = false;
      in_quotes_ = false;
      line_ += newlines_in_record_ + 1;
      newlines_in_record_ = 0;
    } else {
      deliver(start, *end, false, false, emit);
    }
    start = *end + 1;
  }
  if (!skipping_ && buffer_.size() - start > max_record_bytes) {
    // Report the record now, cut, and drop its bytes as they come.
    deliver(start, start + max_record_bytes + 1, false, true, emit);
    line_ -= 1;  // deliver counted a line end that has not come yet
    skipping_ = true;
  }
  if (skipping_) start = buffer_.size();
  buffer_.erase(0, start);
  scan_ = buffer_.size();
}

void RecordSplitter::finish(const Emit& emit) {
  if (!buffer_.empty() && !skipping_) deliver(0, buffer_.size(), true, false, emit);
  buffer_.clear();
  scan_ = 0;
  skipping_ = false;
}

}  // namespace kifu
