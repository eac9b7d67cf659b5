// Donation records: what a back office exports, one per line (JSON Lines) or
// per row (CSV with a header), and the checks each must pass before it counts.
// A record that fails gets every reason at once, each naming the field.
//
//   kifu::RecordSplitter split(kifu::RecordFormat::json_lines);
//   split.push(chunk, [&](const kifu::RawRecord& raw) { ... parse_json_record(raw.text) ... });
//   split.finish(same_callback);
//
// A record (JSON Lines; CSV has the same names as columns):
//   {"id":"d-1","time":"2026-11-27T10:00:00+09:00","channel":"card","amount":5000,
//    "donor":"9f86d0...","status":"completed"}
//   {"id":"d-2","time":"...","channel":"points","points":3000,"program":"card-points",...}
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.hpp"
#include "feed.hpp"

namespace kifu {

enum class RecordFormat { json_lines, csv };
enum class RecordStatus { completed, refunded, cancelled };

inline constexpr std::size_t max_record_bytes = 64 * 1024;
inline constexpr std::size_t max_record_key_bytes = 128;  // id and donor

struct Record {
  std::string id;
  std::int64_t time = 0;  // Unix seconds
  Channel channel = Channel::card;
  std::int64_t amount = 0;  // minor units; 0 for points until converted
  std::int64_t points = 0;  // points channel only
  std::string program;      // points channel only
  std::string donor;        // opaque key; empty on a refund that leaves it out
  RecordStatus status = RecordStatus::completed;
};

// One record as parsed: the value, or every reason it was refused.
struct ParsedRecord {
  std::optional<Record> record;
  std::vector<Diagnostic> errors;
};

// One JSON Lines record: a flat JSON object (no nesting), valid UTF-8.
ParsedRecord parse_json_record(std::string_view line);

// A CSV header: which column holds which field. Unknown columns are kept in
// `ignored` so the caller can say so once; a missing or repeated field column
// makes the header unusable (`errors`).
struct CsvHeader {
  std::vector<int> field_of_column;  // index into record_fields, -1 ignored
  std::vector<std::string> ignored;
  std::vector<Diagnostic> errors;
};
inline constexpr std::string_view record_fields[] = {"id",     "time",    "channel", "amount",
                                                     "points", "program", "donor",   "status"};
CsvHeader parse_csv_header(std::string_view row);
// One CSV row under that header (RFC 4180 quoting: "a,b", "say ""hi""").
ParsedRecord parse_csv_record(std::string_view row, const CsvHeader& header);

// Splits CSV text into its cells; std::nullopt with `error` set when a quote
// is never closed or stray text follows a closing quote.
std::optional<std::vector<std::string>> split_csv_row(std::string_view row, std::string& error);

// A logical record cut from the input: its first physical line (1-based) and
// its text without the line end. A CSV record may span lines inside quotes.
struct RawRecord {
  std::uint64_t line;
  std::string_view text;
  // The input ended inside this record (no final newline, or inside quotes).
  bool at_end_without_newline;
  // Longer than max_record_bytes: `text` is its beginning only.
  bool too_long;
};

// Cuts a byte stream into records, whatever the chunk boundaries: drops a
// UTF-8 byte order mark at the very start and the \r of CRLF line ends.
// Blank lines are counted, never emitted. Memory stays bounded: a record
// longer than max_record_bytes is emitted cut (too_long) and the rest of it
// is skipped, so a file with no line ends cannot fill memory.
class RecordSplitter {
 public:
  using Emit = std::function<void(const RawRecord&)>;
  explicit RecordSplitter(RecordFormat format) : format_(format) {}

  void push(std::string_view chunk, const Emit& emit);
  void finish(const Emit& emit);

  std::uint64_t blank_lines() const { return blank_lines_; }

 private:
  std::optional<std::size_t> next_end();
  void deliver(std::size_t start, std::size_t end, bool at_end, bool too_long, const Emit& emit);

  RecordFormat format_;
  std::string buffer_;
  std::size_t scan_ = 0;  // bytes of buffer_ already scanned for line ends
  std::uint64_t line_ = 1;
  std::uint64_t newlines_in_record_ = 0;
  bool in_quotes_ = false;
  bool skipping_ = false;  // inside a too-long record, discarding to its end
  std::uint64_t blank_lines_ = 0;
};

std::string_view to_string(RecordStatus s);

}  // namespace kifu
