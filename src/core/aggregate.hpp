// Aggregation: donation records in, the totals feed out. Idempotent by record
// id (the same record twice counts once), a refund or cancellation of a known
// id takes that donation back out, donors are distinct donor keys among the
// donations that stand, and every day of the campaign gets its own totals.
//
//   kifu::Aggregator agg(campaign, {.memory_budget = 64 << 20, .spill_parent = "/srv/site"});
//   kifu::RecordFile in(agg, kifu::RecordFormat::json_lines);
//   in.push(chunk);  ... in.finish();
//   if (!agg.finish(on_reject)) fail(agg.error());   // every reject, in input order
//   std::string feed = kifu::feed_json(agg.feed(as_of), campaign, "history.json");
//
// Memory stays within a budget however many records come in. Each record is
// checked on its own as it is read; what needs the other records (is this id
// new? does this refund name a donation read before it? how many distinct
// donors stand?) is settled in finish(): ids and donor keys, as 128-bit
// digests, are hash-partitioned into files in a temporary folder once they
// pass the budget, and each partition is then read back alone, in input
// order, so the outcome is exactly that of reading the records one by one.
// A Bloom filter of a quarter of the budget tells most new ids apart at
// once; only records whose id may have come before keep their text for a
// possible reject. Two different keys share a digest with probability about
// n^2 / 2^129 (for n = 10^9 ids: 10^-21).
//
// Totals never wrap: a donation is refused when the sum of every donation
// read so far (before duplicates and refunds are taken out, so that no order
// of settling can overflow later) would pass 2^63-1 minor units.
#pragma once

#include <array>
#include <cstddef>
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

// read = accepted + rejected + duplicates, once Aggregator::finish() has
// settled the records that depend on others.
struct AggregateCounts {
  std::uint64_t read = 0;        // records (blank lines are not records)
  std::uint64_t accepted = 0;    // donations added, and refunds/cancellations applied
  std::uint64_t rejected = 0;    // refused, each with its reasons
  std::uint64_t duplicates = 0;  // an id already counted (or already taken back)
  std::uint64_t removed = 0;     // of the accepted: refunds and cancellations applied
  std::uint64_t blank_lines = 0;
};

// Where a record came from, for its reject.
struct RecordOrigin {
  std::uint32_t source;  // Aggregator::add_source
  std::uint64_t line;
  std::string_view text;
};

// A rejected record: where it starts, why, and its text (for the reject file).
struct Reject {
  std::string source;  // file name, "-" for standard input
  std::uint64_t line;
  std::vector<Diagnostic> reasons;
  std::string_view text;
};
using RejectSink = std::function<void(const Reject&)>;

struct AggregateOptions {
  // Bytes for remembering ids, donor keys and rejects; past it they go to
  // files. Peak memory is about this plus the input buffers.
  std::size_t memory_budget = std::size_t{64} << 20;
  // The folder in which a private temporary folder is made when the budget
  // is passed ("" : the working directory). Put it beside the output, on a
  // disk with room for about 64 bytes per record.
  std::string spill_parent;
};

class Aggregator {
 public:
  explicit Aggregator(const Campaign& campaign, AggregateOptions options = {});
  ~Aggregator();
  Aggregator(const Aggregator&) = delete;
  Aggregator& operator=(const Aggregator&) = delete;

  // Names an input; records carry its index in their origin.
  std::uint32_t add_source(std::string name);

  enum class Outcome { accepted, rejected, settled_later };
  // Counts one valid record. Rejected: its reasons are kept for finish().
  // Settled later: it depends on records with the same id (finish()).
  Outcome apply(const Record& record, const RecordOrigin& origin);
  // Counts a record that failed to parse, with its reasons.
  void reject(const RecordOrigin& origin, std::vector<Diagnostic> reasons);

  // Settles every record that depends on others, then hands every reject to
  // `on_reject` in input order. False after an I/O error of the temporary
  // files (error() says which); the totals are then not to be published.
  // Call once, after the last record; feed() and days() need it.
  bool finish(const RejectSink& on_reject);
  const std::string& error() const;

  // The totals, as of the given moment (after finish()).
  Feed feed(std::int64_t as_of) const;
  // What stands per day (index 0: the campaign's first day) and channel.
  const std::vector<std::array<std::int64_t, 4>>& days() const;
  const AggregateCounts& counts() const { return counts_; }
  AggregateCounts& counts() { return counts_; }
  const Campaign& campaign() const { return campaign_; }
  // Whether ids or rejects went to temporary files (the budget was passed).
  bool spilled() const;

 private:
  struct State;
  const Campaign& campaign_;
  AggregateCounts counts_;
  std::unique_ptr<State> state_;
};

// One input (a file or standard input) fed in chunks into an Aggregator.
// A CSV input's first row is its header; a header Kifu cannot use makes the
// whole input unusable (`unusable()`), and nothing of it is counted.
class RecordFile {
 public:
  RecordFile(Aggregator& aggregator, RecordFormat format, std::string source = "-");
  void push(std::string_view chunk);
  void finish();

  bool unusable() const { return !header_errors_.empty(); }
  const std::vector<Diagnostic>& header_errors() const { return header_errors_; }
  const std::vector<std::string>& ignored_columns() const { return header_.ignored; }

 private:
  void take(const RawRecord& raw);

  Aggregator& aggregator_;
  RecordFormat format_;
  std::uint32_t source_;
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
