// Aggregation: donation records in, the totals feed out. Idempotent by record
// id (the same record twice counts once), a refund or cancellation of a known
// id takes that donation back out, donors are distinct donor keys among the
// donations that stand, and every day of the campaign gets its own totals.
//
//   kifu::Aggregator agg(campaign);
//   kifu::RecordFile in(agg, kifu::RecordFormat::json_lines);
//   in.push(chunk, on_reject);  ... in.finish(on_reject);
//   std::string feed = kifu::feed_json(agg.feed(as_of), campaign, "history.json");
//
// Memory: ids and donor keys are remembered as 128-bit digests in open-
// addressing tables (32 bytes per distinct id, 28 per distinct donor, at most
// half empty after growth), so memory grows with the number of distinct
// donations, not with the size of the input or the length of its lines. Two
// different keys share a digest with probability about n^2 / 2^129 (for
// n = 10^9 ids: 10^-21).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "campaign.hpp"
#include "diagnostic.hpp"
#include "feed.hpp"
#include "record.hpp"

namespace kifu {

struct Digest {
  std::uint64_t hi;
  std::uint64_t lo;  // never both zero: all-zero marks an empty table slot
};
Digest digest_of(std::string_view key);

// read = accepted + rejected + duplicates, always.
struct AggregateCounts {
  std::uint64_t read = 0;        // records (blank lines are not records)
  std::uint64_t accepted = 0;    // donations added, and refunds/cancellations applied
  std::uint64_t rejected = 0;    // refused, each with its reasons
  std::uint64_t duplicates = 0;  // an id already counted (or already taken back)
  std::uint64_t removed = 0;     // of the accepted: refunds and cancellations applied
  std::uint64_t blank_lines = 0;
};

class Aggregator {
 public:
  explicit Aggregator(const Campaign& campaign);
  ~Aggregator();
  Aggregator(const Aggregator&) = delete;
  Aggregator& operator=(const Aggregator&) = delete;

  enum class Outcome { accepted, duplicate, rejected };
  // Counts one valid record; a reject's reasons are appended to `reasons`.
  Outcome apply(const Record& record, std::vector<Diagnostic>& reasons);
  // Counts a record that failed to parse.
  void count_rejected() {
    ++counts_.read;
    ++counts_.rejected;
  }

  // The totals so far, as of the given moment.
  Feed feed(std::int64_t as_of) const;
  // What stands per day (index 0: the campaign's first day) and channel.
  const std::vector<std::array<std::int64_t, 4>>& days() const;
  const AggregateCounts& counts() const { return counts_; }
  AggregateCounts& counts() { return counts_; }
  const Campaign& campaign() const { return campaign_; }
  // Bytes held by the id and donor tables (what grows with the input).
  std::size_t table_bytes() const;

 private:
  struct State;
  const Campaign& campaign_;
  AggregateCounts counts_;
  std::unique_ptr<State> state_;
};

// A rejected record: where it starts, why, and its text (for the reject file).
struct Reject {
  std::string source;  // file name, "-" for standard input
  std::uint64_t line;
  std::vector<Diagnostic> reasons;
  std::string_view text;
};
using RejectSink = std::function<void(const Reject&)>;

// One input (a file or standard input) fed in chunks into an Aggregator.
// A CSV input's first row is its header; a header Kifu cannot use makes the
// whole input unusable (`unusable()`), and nothing of it is counted.
class RecordFile {
 public:
  RecordFile(Aggregator& aggregator, RecordFormat format, std::string source = "-");
  void push(std::string_view chunk, const RejectSink& on_reject);
  void finish(const RejectSink& on_reject);

  bool unusable() const { return !header_errors_.empty(); }
  const std::vector<Diagnostic>& header_errors() const { return header_errors_; }
  const std::vector<std::string>& ignored_columns() const { return header_.ignored; }

 private:
  void take(const RawRecord& raw, const RejectSink& on_reject);

  Aggregator& aggregator_;
  RecordFormat format_;
  std::string source_;
  RecordSplitter splitter_;
  bool have_header_ = false;
  CsvHeader header_;
  std::vector<Diagnostic> header_errors_;
  std::uint64_t blank_lines_counted_ = 0;
};

// "2026-11-27T10:00:00+09:00": a moment written in the zone's own offset.
std::string format_timestamp(std::int64_t unix_seconds, const TimeZone& tz);

// The feed document kifu writes (stable key order); `history_url`, when not
// empty, is where the history file is, relative to the feed.
std::string feed_json(const Feed& feed, const Campaign& campaign, std::string_view history_url);

// The daily history file (history.hpp's format, the forecast's input): every
// day with giving, from the campaign's first day through the day before
// as_of's (that day is not over). A day's amount is what stands from that
// day: a later refund takes the gift out of the day it was given. Events and
// scenarios are carried over from `previous` (the file this one replaces).
std::string history_json(const Aggregator& aggregator, std::int64_t as_of,
                         std::string_view previous);

}  // namespace kifu
