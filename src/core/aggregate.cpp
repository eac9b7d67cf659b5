#include "aggregate.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <nlohmann/json.hpp>

#include "history.hpp"
#include "record_points.hpp"

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
  Entry* find(const Digest& d) {
    std::size_t i = static_cast<std::size_t>(d.lo) & mask_;
    for (;;) {
      Entry& e = slots_[i];
      if (e.key.hi == 0 && e.key.lo == 0) return nullptr;
      if (e.key.hi == d.hi && e.key.lo == d.lo) return &e;
      i = (i + 1) & mask_;
    }
  }
  std::size_t bytes() const { return slots_.size() * sizeof(Entry); }

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

// What a refund needs to take a donation back out: 32 bytes per id.
struct IdEntry {
  Digest key;
  std::int64_t amount;
  std::uint32_t donor;  // dense index into donor_active
  std::uint16_t day;    // days since the campaign's first day
  std::uint8_t channel;
  std::uint8_t removed;
};
static_assert(sizeof(IdEntry) == 32);

struct DonorEntry {
  Digest key;
  std::uint32_t index;
};

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
  DigestTable<IdEntry> ids;
  DigestTable<DonorEntry> donor_keys;
  std::vector<std::uint32_t> donor_active;  // standing donations per donor
  std::int64_t active_donors = 0;
  std::int64_t raised = 0;
  std::int64_t donations = 0;
  std::array<std::int64_t, 4> by_channel{};
  std::vector<std::array<std::int64_t, 4>> days;  // per channel, from the campaign's first day
  std::int64_t first_day = 0;                     // days_from_civil(start)
  std::int64_t last_day = 0;                      // days_from_civil(end)
};

Aggregator::Aggregator(const Campaign& campaign)
    : campaign_(campaign), state_(std::make_unique<State>()) {
  state_->first_day = days_from_civil(campaign.start);
  state_->last_day = days_from_civil(campaign.end);
}

Aggregator::~Aggregator() = default;

std::size_t Aggregator::table_bytes() const {
  return state_->ids.bytes() + state_->donor_keys.bytes() +
         state_->donor_active.capacity() * sizeof(std::uint32_t);
}

Aggregator::Outcome Aggregator::apply(const Record& record, std::vector<Diagnostic>& reasons) {
  State& s = *state_;
  ++counts_.read;
  auto reject = [&](std::string pointer, std::string message) {
    reasons.push_back({std::move(pointer), std::move(message)});
    ++counts_.rejected;
    return Outcome::rejected;
  };
  const Digest id = digest_of(record.id);

  if (record.status != RecordStatus::completed) {
    IdEntry* e = s.ids.find(id);
    if (e == nullptr) {
      return reject("/id", std::string(to_string(record.status)) + " for " +
                               quote_excerpt(record.id) +
                               ", which is not among the donations read so far");
    }
    if (e->removed) {
      ++counts_.duplicates;
      return Outcome::duplicate;
    }
    // Subtracting what was added cannot overflow: every total holds it.
    s.raised -= e->amount;
    s.by_channel[e->channel] -= e->amount;
    s.donations -= 1;
    s.days[e->day][e->channel] -= e->amount;
    if (--s.donor_active[e->donor] == 0) --s.active_donors;
    e->removed = 1;
    ++counts_.accepted;
    ++counts_.removed;
    return Outcome::accepted;
  }

  const std::int64_t day_number = days_from_civil(local_date(record.time, campaign_.time_zone));
  if (day_number < s.first_day || day_number > s.last_day) {
    return reject("/time", "falls on " + to_iso(local_date(record.time, campaign_.time_zone)) +
                               " in " + std::string(campaign_.time_zone.name) +
                               ", outside the campaign (" + to_iso(campaign_.start) + " to " +
                               to_iso(campaign_.end) + ")");
  }
  const auto day_index = static_cast<std::size_t>(day_number - s.first_day);
  if (day_index >= max_history_days) {
    return reject("/time", "falls more than " + decimal(max_history_days) +
                               " days after the campaign's first day; Kifu keeps a daily "
                               "history only that long");
  }

  std::int64_t amount = record.amount;
  if (record.channel == Channel::points) {
    auto converted = convert_record_points(campaign_, record.program, record.points,
                                           civil_from_days(day_number));
    if (!converted.amount) return reject("/program", converted.reason);
    amount = *converted.amount;
  }

  const auto channel = static_cast<std::size_t>(record.channel);
  const Digest donor_key = digest_of(record.donor);
  if (IdEntry* e = s.ids.find(id)) {
    // The same record again (a re-sent export) counts once; a different
    // donation under a used id is an error in the source, not a duplicate.
    DonorEntry* donor = s.donor_keys.find(donor_key);
    if (e->amount == amount && e->channel == channel && e->day == day_index && donor &&
        donor->index == e->donor) {
      ++counts_.duplicates;
      return Outcome::duplicate;
    }
    return reject("/id", quote_excerpt(record.id) +
                             " was already used by a donation with another amount, channel, day "
                             "or donor; each donation needs its own id");
  }

  if (s.days.size() <= day_index) s.days.resize(day_index + 1);
  auto& day = s.days[day_index];
  auto raised = checked_add(s.raised, amount);
  auto by_channel = checked_add(s.by_channel[channel], amount);
  auto day_channel = checked_add(day[channel], amount);
  if (!raised || !by_channel || !day_channel) {
    return reject(
        record.channel == Channel::points ? "/points" : "/amount",
        "would take the total past the largest amount Kifu holds (" + decimal(max_amount) + ")");
  }

  bool inserted = false;
  DonorEntry& donor = s.donor_keys.find_or_insert(donor_key, inserted);
  if (inserted) {
    donor.index = static_cast<std::uint32_t>(s.donor_active.size());
    s.donor_active.push_back(0);
  }
  if (s.donor_active[donor.index]++ == 0) ++s.active_donors;
  const std::uint32_t donor_index = donor.index;

  IdEntry& e = s.ids.find_or_insert(id, inserted);
  e.amount = amount;
  e.donor = donor_index;
  e.day = static_cast<std::uint16_t>(day_index);
  e.channel = static_cast<std::uint8_t>(channel);
  e.removed = 0;

  s.raised = *raised;
  s.by_channel[channel] = *by_channel;
  day[channel] = *day_channel;
  s.donations += 1;
  ++counts_.accepted;
  return Outcome::accepted;
}

Feed Aggregator::feed(std::int64_t as_of) const {
  const State& s = *state_;
  Feed f;
  f.campaign_id = campaign_.id;
  f.currency = campaign_.currency;
  f.raised = s.raised;
  f.donors = s.active_donors;
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
      source_(std::move(source)),
      splitter_(format),
      have_header_(format != RecordFormat::csv) {}

void RecordFile::take(const RawRecord& raw, const RejectSink& on_reject) {
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
  if (!parsed.record) {
    if (raw.at_end_without_newline) {
      parsed.errors.push_back({"",
                               "is the last line and has no line end: the file may have been "
                               "cut short"});
    }
    aggregator_.count_rejected();
    on_reject(Reject{source_, raw.line, std::move(parsed.errors), raw.text});
    return;
  }
  std::vector<Diagnostic> reasons;
  if (aggregator_.apply(*parsed.record, reasons) == Aggregator::Outcome::rejected) {
    on_reject(Reject{source_, raw.line, std::move(reasons), raw.text});
  }
}

void RecordFile::push(std::string_view chunk, const RejectSink& on_reject) {
  splitter_.push(chunk, [&](const RawRecord& raw) { take(raw, on_reject); });
}

void RecordFile::finish(const RejectSink& on_reject) {
  splitter_.finish([&](const RawRecord& raw) { take(raw, on_reject); });
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
