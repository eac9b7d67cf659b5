#include "aggregate.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <nlohmann/json.hpp>

#include "bloom.hpp"
#include "history.hpp"
#include "record_points.hpp"
#include "spill.hpp"

namespace kifu {

namespace {

constexpr std::uint64_t rotl(std::uint64_t x, int r) {
  return (x << r) | (x >> (64 - r));
}

// splitmix64's finalizer: every input bit reaches every output bit.
constexpr std::uint64_t mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// An open-addressing table keyed by digest (linear probing; the digest is
// already uniformly mixed, so its low bits pick the slot). It doubles at 3/4
// full, so it is between 3/8 and 3/4 full once it holds many entries.
template <class Entry>
class DigestTable {
 public:
  DigestTable() : slots_(1024), mask_(1023) {}

  // The entry for `d`, inserting a zeroed one when absent (`inserted`).
  Entry& find_or_insert(const Digest& d, bool& inserted) {
    if ((size_ + 1) * 4 > slots_.size() * 3) grow();
    std::size_t i = static_cast<std::size_t>(d.lo) & mask_;
    for (;;) {
      Entry& e = slots_[i];
      if (e.key.hi == 0 && e.key.lo == 0) {
        e = Entry{};
        e.key = d;
        ++size_;
        inserted = true;
        return e;
      }
      if (e.key.hi == d.hi && e.key.lo == d.lo) {
        inserted = false;
        return e;
      }
      i = (i + 1) & mask_;
    }
  }
  template <class F>
  void for_each(F&& f) const {
    for (const Entry& e : slots_) {
      if (e.key.hi != 0 || e.key.lo != 0) f(e);
    }
  }
  // Empties the table; its slots stay allocated for the next partition.
  void clear() {
    std::fill(slots_.begin(), slots_.end(), Entry{});
    size_ = 0;
  }

 private:
  void grow() {
    std::vector<Entry> old(slots_.size() * 2);
    old.swap(slots_);
    mask_ = slots_.size() - 1;
    for (const Entry& e : old) {
      if (e.key.hi == 0 && e.key.lo == 0) continue;
      std::size_t i = static_cast<std::size_t>(e.key.lo) & mask_;
      while (slots_[i].key.hi != 0 || slots_[i].key.lo != 0) i = (i + 1) & mask_;
      slots_[i] = e;
    }
  }

  std::vector<Entry> slots_;
  std::size_t mask_;
  std::size_t size_ = 0;
};

// One record whose outcome depends on the others with its id, as it waits
// in the id spill: 64 bytes.
struct IdRecord {
  Digest id;
  Digest donor;       // completed only
  std::uint64_t seq;  // its place in the input (1-based)
  std::int64_t amount;
  std::uint64_t text;  // ByteStore offset + 1 of what a reject needs; 0: certainly a new id
  std::uint16_t day;   // days since the campaign's first day
  std::uint8_t channel;
  std::uint8_t status;  // RecordStatus
  std::uint32_t unused;
  std::uint64_t spill_key() const { return id.hi; }
};
static_assert(sizeof(IdRecord) == 64);

// What one id stands for while its partition is settled.
struct IdState {
  Digest key;
  Digest donor;
  std::int64_t amount;
  std::uint16_t day;
  std::uint8_t channel;
  std::uint8_t state;  // 0 none yet, 1 stands, 2 taken back
};
constexpr std::uint8_t id_none = 0, id_stands = 1, id_removed = 2;

struct DonorKey {
  Digest key;
  std::uint64_t spill_key() const { return key.hi; }
};

struct KeyOnly {
  Digest key;
};

// A reject waiting for its place in the input order.
enum class RejectKind : std::uint8_t { own_reasons, unknown_id, used_id };
struct PendingReject {
  std::uint64_t seq;
  std::uint64_t text;  // ByteStore offset
  RejectKind kind;
};

// What a reject needs, packed into a ByteStore record.
struct RejectText {
  std::uint64_t line = 0;
  std::uint32_t source = 0;
  std::uint8_t status = 0;
  std::string id;
  std::string text;
  std::vector<Diagnostic> reasons;
};

void put_u32(std::string& out, std::uint32_t v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}
void put_bytes(std::string& out, std::string_view b) {
  put_u32(out, static_cast<std::uint32_t>(b.size()));
  out.append(b);
}

std::string pack(const RecordOrigin& origin, RecordStatus status, std::string_view id,
                 const std::vector<Diagnostic>& reasons) {
  std::string out;
  out.append(reinterpret_cast<const char*>(&origin.line), sizeof origin.line);
  put_u32(out, origin.source);
  out += static_cast<char>(status);
  put_bytes(out, id);
  put_bytes(out, origin.text);
  put_u32(out, static_cast<std::uint32_t>(reasons.size()));
  for (const Diagnostic& d : reasons) {
    put_bytes(out, d.pointer);
    put_bytes(out, d.message);
  }
  return out;
}

RejectText unpack(const std::string& in) {
  RejectText r;
  std::size_t at = 0;
  auto raw = [&](void* into, std::size_t n) {
    if (at + n <= in.size()) std::memcpy(into, in.data() + at, n);
    at += n;
  };
  auto bytes = [&]() {
    std::uint32_t n = 0;
    raw(&n, sizeof n);
    std::string s = at <= in.size() ? in.substr(at, n) : std::string();
    at += n;
    return s;
  };
  raw(&r.line, sizeof r.line);
  raw(&r.source, sizeof r.source);
  raw(&r.status, 1);
  r.id = bytes();
  r.text = bytes();
  std::uint32_t n = 0;
  raw(&n, sizeof n);
  for (std::uint32_t i = 0; i < n && at < in.size(); ++i) {
    std::string pointer = bytes();
    std::string message = bytes();
    r.reasons.push_back({std::move(pointer), std::move(message)});
  }
  return r;
}

std::string decimal(std::int64_t v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, end);
}

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20) {
      const char* hex = "0123456789abcdef";
      out += "\\u00";
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

}  // namespace

Digest digest_of(std::string_view key) {
  // Two chains over the 8-byte words, each step a bijection of the state
  // (xor in the word, then splitmix64's finalizer), seeded apart and with the
  // length: keys of one length that differ in a single word can never
  // collide, and any other pair collides in a chain with probability about
  // 2^-64, in both about 2^-128. (A first, multiply-rotate design collided on
  // "donor-270008"-like keys: the test below keeps such keys apart.)
  std::uint64_t h1 = 0x9E3779B97F4A7C15ULL ^ key.size();
  std::uint64_t h2 = 0xC2B2AE3D27D4EB4FULL + key.size() * 0x165667B19E3779F9ULL;
  std::size_t i = 0;
  auto step = [&](std::uint64_t w) {
    h1 = mix(h1 ^ w);
    h2 = mix(h2 ^ rotl(w, 29) ^ 0x27D4EB2F165667C5ULL);
  };
  for (; i + 8 <= key.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, key.data() + i, 8);
    step(w);
  }
  if (i < key.size()) {
    std::uint64_t tail = 0;
    std::memcpy(&tail, key.data() + i, key.size() - i);
    step(tail);
  }
  Digest d{h1, mix(h2 + rotl(h1, 41))};
  if (d.hi == 0 && d.lo == 0) d.lo = 1;
  return d;
}

struct Aggregator::State {
  State(const AggregateOptions& o)
      : spill_dir(o.spill_parent),
        bloom(std::max<std::size_t>(64, o.memory_budget / 4)),
        id_spill(spill_dir, "ids", o.memory_budget / 4),
        texts(spill_dir, o.memory_budget / 32),
        rejects(spill_dir, o.memory_budget / 8),
        budget(o.memory_budget) {}

  detail::SpillDir spill_dir;
  detail::BloomFilter bloom;  // ids of donations read so far
  detail::PartitionedSpill<IdRecord> id_spill;
  detail::ByteStore texts;
  detail::SeqSorter<PendingReject> rejects;
  std::size_t budget;
  std::vector<std::string> sources;
  bool finished = false;

  // Gross sums of every donation read, for the overflow guard.
  std::int64_t gross_raised = 0;
  std::array<std::int64_t, 4> gross_channel{};
  std::vector<std::array<std::int64_t, 4>> gross_days;

  // What stands, after finish().
  std::int64_t raised = 0;
  std::int64_t donations = 0;
  std::int64_t donors = 0;
  std::array<std::int64_t, 4> by_channel{};
  std::vector<std::array<std::int64_t, 4>> days;  // per channel, from the campaign's first day
  std::int64_t first_day = 0;                     // days_from_civil(start)
  std::int64_t last_day = 0;                      // days_from_civil(end)
};

Aggregator::Aggregator(const Campaign& campaign, AggregateOptions options)
    : campaign_(campaign), state_(std::make_unique<State>(options)) {
  state_->first_day = days_from_civil(campaign.start);
  state_->last_day = days_from_civil(campaign.end);
}

Aggregator::~Aggregator() = default;

std::uint32_t Aggregator::add_source(std::string name) {
  state_->sources.push_back(std::move(name));
  return static_cast<std::uint32_t>(state_->sources.size() - 1);
}

bool Aggregator::spilled() const {
  return state_->spill_dir.used();
}

const std::string& Aggregator::error() const {
  return state_->spill_dir.error();
}

void Aggregator::reject(const RecordOrigin& origin, std::vector<Diagnostic> reasons) {
  ++counts_.read;
  ++counts_.rejected;
  const std::uint64_t text = state_->texts.add(pack(origin, RecordStatus::completed, "", reasons));
  state_->rejects.add({counts_.read, text, RejectKind::own_reasons});
}

Aggregator::Outcome Aggregator::apply(const Record& record, const RecordOrigin& origin) {
  State& s = *state_;
  const Digest id = digest_of(record.id);
  auto reject_now = [&](std::string pointer, std::string message) {
    --counts_.read;  // reject() counts it
    reject(origin, {{std::move(pointer), std::move(message)}});
    return Outcome::rejected;
  };
  ++counts_.read;

  if (record.status != RecordStatus::completed) {
    // No donation under this id was read before: certainly a reject. Else
    // it is settled with the other records of its id in finish().
    if (!s.bloom.may_contain(id.hi, id.lo)) {
      return reject_now("/id", std::string(to_string(record.status)) + " for " +
                                   quote_excerpt(record.id) +
                                   ", which is not among the donations read so far");
    }
    IdRecord e{};
    e.id = id;
    e.seq = counts_.read;
    e.text = s.texts.add(pack(origin, record.status, record.id, {})) + 1;
    e.status = static_cast<std::uint8_t>(record.status);
    s.id_spill.add(e);
    return Outcome::settled_later;
  }

  const std::int64_t day_number = days_from_civil(local_date(record.time, campaign_.time_zone));
  if (day_number < s.first_day || day_number > s.last_day) {
    return reject_now("/time", "falls on " + to_iso(local_date(record.time, campaign_.time_zone)) +
                                   " in " + std::string(campaign_.time_zone.name) +
                                   ", outside the campaign (" + to_iso(campaign_.start) + " to " +
                                   to_iso(campaign_.end) + ")");
  }
  const auto day_index = static_cast<std::size_t>(day_number - s.first_day);
  if (day_index >= max_history_days) {
    return reject_now("/time", "falls more than " + decimal(max_history_days) +
                                   " days after the campaign's first day; Kifu keeps a daily "
                                   "history only that long");
  }

  std::int64_t amount = record.amount;
  if (record.channel == Channel::points) {
    auto converted = convert_record_points(campaign_, record.program, record.points,
                                           civil_from_days(day_number));
    if (!converted.amount) return reject_now("/program", converted.reason);
    amount = *converted.amount;
  }

  const auto channel = static_cast<std::size_t>(record.channel);
  if (s.gross_days.size() <= day_index) s.gross_days.resize(day_index + 1);
  auto raised = checked_add(s.gross_raised, amount);
  auto by_channel = checked_add(s.gross_channel[channel], amount);
  auto day_channel = checked_add(s.gross_days[day_index][channel], amount);
  if (!raised || !by_channel || !day_channel) {
    return reject_now(
        record.channel == Channel::points ? "/points" : "/amount",
        "would take the total past the largest amount Kifu holds (" + decimal(max_amount) + ")");
  }
  s.gross_raised = *raised;
  s.gross_channel[channel] = *by_channel;
  s.gross_days[day_index][channel] = *day_channel;

  IdRecord e{};
  e.id = id;
  e.donor = digest_of(record.donor);
  e.seq = counts_.read;
  e.amount = amount;
  e.day = static_cast<std::uint16_t>(day_index);
  e.channel = static_cast<std::uint8_t>(channel);
  e.status = static_cast<std::uint8_t>(RecordStatus::completed);
  // An id certainly not read before makes a donation that stands now; one
  // that may have been read is a duplicate, a reject or (the filter erred)
  // new, which finish() settles, so it keeps what a reject would need.
  const bool maybe_seen = s.bloom.test_and_add(id.hi, id.lo);
  if (maybe_seen) e.text = s.texts.add(pack(origin, record.status, record.id, {})) + 1;
  s.id_spill.add(e);
  if (maybe_seen) return Outcome::settled_later;
  ++counts_.accepted;
  return Outcome::accepted;
}

bool Aggregator::finish(const RejectSink& on_reject) {
  State& s = *state_;
  if (s.finished) return error().empty();
  s.finished = true;
  s.bloom.release();
  const std::size_t part_budget = s.budget / 4;
  detail::PartitionedSpill<DonorKey> donor_spill(s.spill_dir, "donors", part_budget);

  // Each id's records, in input order: the first donation stands unless a
  // refund or cancellation follows it; the same donation again is a
  // duplicate, another one under the id a reject.
  DigestTable<IdState> ids;
  auto settle = [&](std::span<const IdRecord> part) {
    for (const IdRecord& e : part) {
      bool inserted = false;
      IdState& st = ids.find_or_insert(e.id, inserted);
      if (static_cast<RecordStatus>(e.status) == RecordStatus::completed) {
        if (st.state == id_none) {
          st.donor = e.donor;
          st.amount = e.amount;
          st.day = e.day;
          st.channel = e.channel;
          st.state = id_stands;
          if (e.text != 0) ++counts_.accepted;  // else counted when read
        } else if (st.amount == e.amount && st.channel == e.channel && st.day == e.day &&
                   st.donor.hi == e.donor.hi && st.donor.lo == e.donor.lo) {
          ++counts_.duplicates;
        } else {
          ++counts_.rejected;
          s.rejects.add({e.seq, e.text - 1, RejectKind::used_id});
        }
      } else if (st.state == id_none) {
        ++counts_.rejected;
        s.rejects.add({e.seq, e.text - 1, RejectKind::unknown_id});
      } else if (st.state == id_removed) {
        ++counts_.duplicates;
      } else {
        st.state = id_removed;
        ++counts_.accepted;
        ++counts_.removed;
      }
    }
  };
  auto stand = [&] {
    // The gross guard bounds every sum here: no overflow is possible.
    ids.for_each([&](const IdState& st) {
      if (st.state != id_stands) return;
      s.raised += st.amount;
      s.by_channel[st.channel] += st.amount;
      if (s.days.size() <= st.day) s.days.resize(std::size_t{st.day} + 1);
      s.days[st.day][st.channel] += st.amount;
      s.donations += 1;
      donor_spill.add({st.donor});
    });
    ids.clear();
  };
  s.id_spill.drain([] {}, settle, stand);

  // Distinct donor keys among the donations that stand.
  DigestTable<KeyOnly> keys;
  donor_spill.drain([] {},
                    [&](std::span<const DonorKey> part) {
                      for (const DonorKey& k : part) {
                        bool inserted = false;
                        keys.find_or_insert(k.key, inserted);
                        if (inserted) ++s.donors;
                      }
                    },
                    [&] { keys.clear(); });

  // Every reject, in input order.
  s.rejects.drain([&](const PendingReject& p) {
    RejectText r = unpack(s.texts.get(p.text));
    if (p.kind == RejectKind::unknown_id) {
      r.reasons = {{"/id", std::string(to_string(static_cast<RecordStatus>(r.status))) + " for " +
                               quote_excerpt(r.id) +
                               ", which is not among the donations read so far"}};
    } else if (p.kind == RejectKind::used_id) {
      r.reasons = {{"/id", quote_excerpt(r.id) +
                               " was already used by a donation with another amount, channel, "
                               "day or donor; each donation needs its own id"}};
    }
    std::string source = r.source < s.sources.size() ? s.sources[r.source] : "-";
    on_reject(Reject{std::move(source), r.line, std::move(r.reasons), r.text});
  });
  return error().empty();
}

Feed Aggregator::feed(std::int64_t as_of) const {
  const State& s = *state_;
  Feed f;
  f.campaign_id = campaign_.id;
  f.currency = campaign_.currency;
  f.raised = s.raised;
  f.donors = s.donors;
  f.donations = s.donations;
  f.by_channel = s.by_channel;
  f.as_of = as_of;
  return f;
}

const std::vector<std::array<std::int64_t, 4>>& Aggregator::days() const {
  return state_->days;
}

RecordFile::RecordFile(Aggregator& aggregator, RecordFormat format, std::string source)
    : aggregator_(aggregator),
      format_(format),
      source_(aggregator.add_source(std::move(source))),
      splitter_(format),
      have_header_(format != RecordFormat::csv) {}

void RecordFile::take(const RawRecord& raw) {
  if (unusable()) return;
  if (!have_header_) {
    have_header_ = true;
    header_ = parse_csv_header(raw.text);
    header_errors_ = header_.errors;
    return;
  }
  ParsedRecord parsed = format_ == RecordFormat::csv ? parse_csv_record(raw.text, header_)
                                                     : parse_json_record(raw.text);
  if (raw.too_long) {
    parsed.record.reset();
    parsed.errors = {{"", "is longer than " + decimal(static_cast<std::int64_t>(max_record_bytes)) +
                              " bytes; no donation record needs that (is a line end missing?)"}};
  }
  const RecordOrigin origin{source_, raw.line, raw.text};
  if (!parsed.record) {
    if (raw.at_end_without_newline) {
      parsed.errors.push_back({"",
                               "is the last line and has no line end: the file may have been "
                               "cut short"});
    }
    aggregator_.reject(origin, std::move(parsed.errors));
    return;
  }
  aggregator_.apply(*parsed.record, origin);
}

void RecordFile::push(std::string_view chunk) {
  splitter_.push(chunk, [&](const RawRecord& raw) { take(raw); });
}

void RecordFile::finish() {
  splitter_.finish([&](const RawRecord& raw) { take(raw); });
  aggregator_.counts().blank_lines += splitter_.blank_lines() - blank_lines_counted_;
  blank_lines_counted_ = splitter_.blank_lines();
  if (!have_header_ && format_ == RecordFormat::csv) {
    header_errors_.push_back({"",
                              "is empty: a CSV file starts with a header row naming its "
                              "columns"});
  }
}

std::string format_timestamp(std::int64_t unix_seconds, const TimeZone& tz) {
  const std::int64_t local = unix_seconds + tz.offset_seconds;
  std::int64_t days = local / 86400;
  std::int64_t secs = local % 86400;
  if (secs < 0) {
    secs += 86400;
    days -= 1;
  }
  auto two = [](std::int64_t v) {
    return std::string(1, static_cast<char>('0' + v / 10)) + static_cast<char>('0' + v % 10);
  };
  std::string out = to_iso(civil_from_days(days)) + "T" + two(secs / 3600) + ":" +
                    two(secs / 60 % 60) + ":" + two(secs % 60);
  if (tz.offset_seconds == 0) return out + "Z";
  const int off = tz.offset_seconds < 0 ? -tz.offset_seconds : tz.offset_seconds;
  return out + (tz.offset_seconds < 0 ? "-" : "+") + two(off / 3600) + ":" + two(off / 60 % 60);
}

std::string feed_json(const Feed& feed, const Campaign& campaign, std::string_view history_url) {
  std::string out = "{\n";
  out += "  \"schema_version\": " + decimal(feed_schema_version) + ",\n";
  out += "  \"campaign_id\": " + json_string(feed.campaign_id) + ",\n";
  out += "  \"currency\": " + json_string(feed.currency.code) + ",\n";
  out += "  \"raised\": " + decimal(feed.raised) + ",\n";
  out += "  \"donors\": " + decimal(feed.donors) + ",\n";
  out += "  \"donations\": " + decimal(feed.donations) + ",\n";
  if (feed.by_channel) {
    out += "  \"by_channel\": {";
    for (std::size_t i = 0; i < channel_names.size(); ++i) {
      out += (i ? ", \"" : "\"") + std::string(channel_names[i]) +
             "\": " + decimal((*feed.by_channel)[i]);
    }
    out += "},\n";
  }
  out += "  \"as_of\": " + json_string(format_timestamp(feed.as_of, campaign.time_zone));
  if (!history_url.empty()) out += ",\n  \"history\": " + json_string(history_url);
  return out + "\n}\n";
}

std::string history_json(const Aggregator& aggregator, std::int64_t as_of,
                         std::string_view previous) {
  const Campaign& c = aggregator.campaign();
  const std::int64_t first = days_from_civil(c.start);
  // The day of as_of is still running: the history ends the day before.
  const std::int64_t through =
      std::min(days_from_civil(local_date(as_of, c.time_zone)) - 1, days_from_civil(c.end));
  std::string out = "{\n  \"schema_version\": 1,\n";
  out += "  \"campaign_id\": " + json_string(c.id) + ",\n";
  out += "  \"currency\": " + json_string(c.currency.code) + ",\n";
  if (through >= first) out += "  \"through\": \"" + to_iso(civil_from_days(through)) + "\",\n";
  out += "  \"channels\": [\"points\", \"card\", \"transfer\", \"offline\"],\n";
  // Events and scenarios are the organisers' knowledge, not the records':
  // carried over from the history file this one replaces.
  if (!previous.empty()) {
    nlohmann::json old = nlohmann::json::parse(previous, nullptr, false);
    for (const char* key : {"events", "scenarios"}) {
      if (old.is_object() && old.contains(key)) {
        out += "  \"" + std::string(key) +
               "\": " + old[key].dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) +
               ",\n";
      }
    }
  }
  out += "  \"days\": [";
  bool any = false;
  const auto& days = aggregator.days();
  for (std::size_t i = 0; i < days.size() && first + static_cast<std::int64_t>(i) <= through; ++i) {
    const auto& d = days[i];
    if (d[0] == 0 && d[1] == 0 && d[2] == 0 && d[3] == 0) continue;  // unlisted days are zero
    out += any ? ",\n    [\"" : "\n    [\"";
    out += to_iso(civil_from_days(first + static_cast<std::int64_t>(i))) + "\"";
    for (auto a : d) out += "," + decimal(a);
    out += "]";
    any = true;
  }
  out += any ? "\n  ]\n}\n" : "]\n}\n";
  return out;
}

}  // namespace kifu
