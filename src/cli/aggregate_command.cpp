// kifu aggregate: donation records (JSON Lines or CSV, files or standard
// input) in, the totals feed out, written atomically; every refused record to
// a reject file with its line and reasons. Also `kifu validate --as records`,
// which reads the same way and writes nothing.
//
// Exit codes: 0 the feed was written; 1 more rejects than --max-rejects allows
// (the old feed is left in place, the reject file says why); 2 unusable input
// (usage, unreadable file, invalid campaign, a CSV header Kifu cannot use).
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "aggregate.hpp"
#include "campaign.hpp"
#include "commands.hpp"
#include "dates.hpp"
#include "history.hpp"

namespace kifu_cli {

namespace {

using nlohmann::json;

constexpr const char* aggregate_usage =
    "usage: kifu aggregate --campaign DEFINITION --out FEED [--history FILE] [--rejects FILE]\n"
    "       [--format jsonl|csv] [--as-of RFC3339-TIME] [--max-rejects N|P%] [--json]\n"
    "       [--memory-budget BYTES] [FILE...]\n"
    "  FILE: JSON Lines or CSV records; none or '-' reads standard input.\n"
    "  --rejects defaults to FEED.rejects.jsonl; --max-rejects defaults to 0.\n"
    "  --memory-budget (default 64M): past it, ids and donor keys go to a temporary\n"
    "  folder beside FEED, about 64 bytes per record.\n";

int usage_error(const std::string& why) {
  std::cerr << "kifu aggregate: " << why << "\n" << aggregate_usage;
  return 2;
}

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::optional<kifu::RecordFormat> format_from_name(const std::string& name) {
  if (name == "jsonl" || name == "ndjson") return kifu::RecordFormat::json_lines;
  if (name == "csv") return kifu::RecordFormat::csv;
  return std::nullopt;
}

// By extension, else by the first byte that is not a BOM or blank: a JSON
// Lines file starts with '{', a CSV file with its header.
kifu::RecordFormat detect_format(const std::string& path, std::string_view first_chunk) {
  if (ends_with(path, ".csv")) return kifu::RecordFormat::csv;
  if (ends_with(path, ".jsonl") || ends_with(path, ".ndjson"))
    return kifu::RecordFormat::json_lines;
  if (first_chunk.starts_with("\xEF\xBB\xBF")) first_chunk.remove_prefix(3);
  const auto at = first_chunk.find_first_not_of(" \t\r\n");
  return at != std::string_view::npos && first_chunk[at] == '{' ? kifu::RecordFormat::json_lines
                                                                : kifu::RecordFormat::csv;
}

std::optional<kifu::Campaign> load_campaign(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    std::cerr << "kifu: cannot read " << path << "\n";
    return std::nullopt;
  }
  std::string text(kifu::max_document_bytes + 1, '\0');
  text.resize(std::fread(text.data(), 1, text.size(), f));
  std::fclose(f);
  auto parsed = kifu::parse_campaign(text);
  for (const auto& e : parsed.diagnostics.errors) {
    std::cerr << path << ": error: " << kifu::to_string(e) << "\n";
  }
  if (!parsed.ok()) {
    std::cerr << path << ": the campaign definition is invalid; nothing was aggregated\n";
    return std::nullopt;
  }
  return std::move(*parsed.value);
}

__extension__ using u128 = unsigned __int128;

// A percentage as parts per billion ("0.5%" -> 5'000'000), or a plain count.
struct Threshold {
  bool percent = false;
  std::uint64_t value = 0;
  bool exceeded(std::uint64_t rejected, std::uint64_t read) const {
    if (!percent) return rejected > value;
    return static_cast<u128>(rejected) * 100'000'000'000ULL > static_cast<u128>(value) * read;
  }
};

std::optional<Threshold> parse_threshold(std::string s) {
  Threshold t;
  if (ends_with(s, "%")) {
    t.percent = true;
    s.pop_back();
  }
  std::uint64_t whole = 0, frac = 0;
  int frac_digits = 0;
  bool dot = false, any = false;
  for (char c : s) {
    if (c == '.' && t.percent && !dot) {
      dot = true;
    } else if (c >= '0' && c <= '9') {
      any = true;
      if (dot) {
        if (++frac_digits > 9) return std::nullopt;
        frac = frac * 10 + static_cast<std::uint64_t>(c - '0');
      } else {
        if (whole > 1'000'000'000'000ULL) return std::nullopt;
        whole = whole * 10 + static_cast<std::uint64_t>(c - '0');
      }
    } else {
      return std::nullopt;
    }
  }
  if (!any || (t.percent && whole > 100)) return std::nullopt;
  if (!t.percent) {
    t.value = whole;
    return t;
  }
  for (int i = frac_digits; i < 9; ++i) frac *= 10;
  t.value = whole * 1'000'000'000ULL + frac;
  return t;
}

// A file written beside its final name and renamed over it when complete, so
// a reader of the final name sees the old file or the new one, never half.
class AtomicFile {
 public:
  explicit AtomicFile(std::string path)
      : path_(std::move(path)), temp_(path_ + ".tmp-" + std::to_string(::getpid())) {
    file_ = std::fopen(temp_.c_str(), "wb");
  }
  ~AtomicFile() {
    if (file_ != nullptr) {
      std::fclose(file_);
      std::remove(temp_.c_str());
    }
  }
  bool ok() const { return file_ != nullptr; }
  std::FILE* get() { return file_; }
  bool commit() {
    bool good = std::fflush(file_) == 0 && ::fsync(::fileno(file_)) == 0;
    good = std::fclose(file_) == 0 && good;
    file_ = nullptr;
    if (!good || std::rename(temp_.c_str(), path_.c_str()) != 0) {
      std::remove(temp_.c_str());
      return false;
    }
    return true;
  }

 private:
  std::string path_;
  std::string temp_;
  std::FILE* file_ = nullptr;
};

std::string with_commas(std::uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// A progress line on a terminal, at most twice a second; nothing in a log.
class Progress {
 public:
  Progress() : on_(::isatty(2) == 1), last_(std::chrono::steady_clock::now()) {}
  void tick(const kifu::AggregateCounts& c, std::uint64_t bytes) {
    if (!on_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(500)) return;
    last_ = now;
    std::cerr << "\rkifu aggregate: " << with_commas(c.read) << " records read ("
              << with_commas(bytes >> 20) << " MiB), " << with_commas(c.rejected) << " rejected"
              << std::flush;
    shown_ = true;
  }
  void clear() {
    if (shown_) std::cerr << "\r\033[K" << std::flush;
  }

 private:
  bool on_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point last_;
};

struct InputResult {
  bool usable = true;
  std::vector<std::string> notes;  // ignored CSV columns
};

// Reads one input in 1 MiB chunks through a RecordFile.
InputResult read_input(const std::string& path, std::optional<kifu::RecordFormat> forced,
                       kifu::Aggregator& agg, Progress& progress, std::uint64_t& bytes) {
  InputResult result;
  const bool is_stdin = path == "-";
  std::FILE* f = is_stdin ? stdin : std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    std::cerr << "kifu: cannot read " << path << "\n";
    result.usable = false;
    return result;
  }
  std::vector<char> chunk(1 << 20);
  std::optional<kifu::RecordFile> in;
  for (;;) {
    const std::size_t n = std::fread(chunk.data(), 1, chunk.size(), f);
    if (n == 0) break;
    bytes += n;
    std::string_view data(chunk.data(), n);
    if (!in) in.emplace(agg, forced ? *forced : detect_format(path, data), path);
    in->push(data);
    progress.tick(agg.counts(), bytes);
    if (in->unusable()) break;
  }
  const bool read_error = std::ferror(f) != 0;
  if (!is_stdin) std::fclose(f);
  if (read_error) {
    std::cerr << "kifu: error while reading " << path << "\n";
    result.usable = false;
    return result;
  }
  if (!in) in.emplace(agg, forced ? *forced : kifu::RecordFormat::json_lines, path);
  if (!in->unusable()) in->finish();
  if (in->unusable()) {
    for (const auto& e : in->header_errors()) {
      std::cerr << path << ": error: header: " << kifu::to_string(e) << "\n";
    }
    result.usable = false;
  }
  for (const auto& column : in->ignored_columns()) {
    result.notes.push_back("column " + kifu::quote_excerpt(column) +
                           " is not a field Kifu reads; it is ignored");
  }
  return result;
}

// "/amount: must be ..."; a reason about the whole record has no pointer.
std::string reason_text(const kifu::Diagnostic& d) {
  return d.pointer.empty() ? d.message : kifu::to_string(d);
}

std::string reject_line(const kifu::Reject& r) {
  json reasons = json::array();
  for (const auto& d : r.reasons) reasons.push_back(reason_text(d));
  json j = {{"source", r.source},
            {"line", r.line},
            {"reasons", reasons},
            {"record", std::string(r.text)}};
  return j.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

json counts_json(const kifu::AggregateCounts& c) {
  return {{"read", c.read},         {"accepted", c.accepted},
          {"rejected", c.rejected}, {"duplicates", c.duplicates},
          {"removed", c.removed},   {"blank_lines", c.blank_lines}};
}

struct Parsed {
  std::vector<std::string> inputs;
  std::string campaign, out, history, rejects, format, as_of, max_rejects = "0", memory_budget;
  bool json = false;
};

// "64M", "4096", "1G": bytes, at least 4 KiB.
std::optional<std::size_t> parse_bytes(std::string s) {
  std::size_t unit = 1;
  if (!s.empty() && (s.back() == 'K' || s.back() == 'M' || s.back() == 'G')) {
    unit = s.back() == 'K' ? 1u << 10 : s.back() == 'M' ? 1u << 20 : 1u << 30;
    s.pop_back();
  }
  if (s.empty() || s.size() > 6 || s.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  const std::size_t n = std::stoul(s) * unit;
  if (n < 4096) return std::nullopt;
  return n;
}

}  // namespace

bool is_records_path(const std::string& path) {
  return ends_with(path, ".jsonl") || ends_with(path, ".ndjson") || ends_with(path, ".csv");
}

int aggregate_command(int argc, char** argv) {
  Parsed p;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&](std::string& into) {
      if (i + 1 >= argc) return false;
      into = argv[++i];
      return true;
    };
    bool ok = true;
    if (a == "--campaign") {
      ok = value(p.campaign);
    } else if (a == "--out") {
      ok = value(p.out);
    } else if (a == "--history") {
      ok = value(p.history);
    } else if (a == "--rejects") {
      ok = value(p.rejects);
    } else if (a == "--format") {
      ok = value(p.format);
    } else if (a == "--as-of") {
      ok = value(p.as_of);
    } else if (a == "--max-rejects") {
      ok = value(p.max_rejects);
    } else if (a == "--memory-budget") {
      ok = value(p.memory_budget);
    } else if (a == "--json") {
      p.json = true;
    } else if (a.starts_with("--")) {
      return usage_error("unknown option " + a);
    } else {
      p.inputs.push_back(a);
    }
    if (!ok) return usage_error(a + " needs a value");
  }
  if (p.campaign.empty() || p.out.empty()) return usage_error("--campaign and --out are required");
  if (p.inputs.empty()) p.inputs.push_back("-");
  if (p.rejects.empty()) p.rejects = p.out + ".rejects.jsonl";
  std::optional<kifu::RecordFormat> forced;
  if (!p.format.empty() && !(forced = format_from_name(p.format))) {
    return usage_error("--format must be jsonl or csv");
  }
  auto threshold = parse_threshold(p.max_rejects);
  if (!threshold) return usage_error("--max-rejects must be a count (10) or a percentage (0.5%)");
  std::int64_t as_of;
  if (!p.as_of.empty()) {
    auto t = kifu::parse_timestamp(p.as_of);
    if (!t) return usage_error("--as-of must be an RFC 3339 time with offset");
    as_of = *t;
  } else {
    as_of = std::chrono::duration_cast<std::chrono::seconds>(
                std::chrono::system_clock::now().time_since_epoch())
                .count();
  }

  kifu::AggregateOptions options;
  if (!p.memory_budget.empty()) {
    auto budget = parse_bytes(p.memory_budget);
    if (!budget) return usage_error("--memory-budget must be bytes, 4096 or more (64M, 1G)");
    options.memory_budget = *budget;
  }
  {
    // Ids and donor keys past the budget go to a private folder beside the
    // feed: the disk that takes the feed has room, and nothing leaves it.
    std::error_code ec;
    options.spill_parent = std::filesystem::absolute(p.out, ec).parent_path().string();
  }

  auto campaign = load_campaign(p.campaign);
  if (!campaign) return 2;
  AtomicFile rejects(p.rejects);
  if (!rejects.ok()) return usage_error("cannot write " + p.rejects);

  kifu::Aggregator agg(*campaign, options);
  auto on_reject = [&](const kifu::Reject& r) {
    const std::string line = reject_line(r);
    std::fwrite(line.data(), 1, line.size(), rejects.get());
  };
  Progress progress;
  std::uint64_t bytes = 0;
  std::vector<std::string> notes;
  for (const auto& input : p.inputs) {
    auto r = read_input(input, forced, agg, progress, bytes);
    if (!r.usable) {
      progress.clear();
      std::cerr << "kifu aggregate: " << input << " is unusable; no feed was written\n";
      return 2;
    }
    for (auto& n : r.notes) notes.push_back(input + ": " + n);
  }
  progress.clear();
  if (!agg.finish(on_reject)) {
    std::cerr << "kifu aggregate: " << agg.error() << "; no feed was written\n";
    return 2;
  }
  for (const auto& n : notes) std::cerr << n << "\n";

  const kifu::AggregateCounts& c = agg.counts();
  const bool too_many = threshold->exceeded(c.rejected, c.read);
  if (!rejects.commit()) {
    std::cerr << "kifu aggregate: cannot write " << p.rejects << "\n";
    return 2;
  }
  const kifu::Feed feed = agg.feed(as_of);
  std::string history_text, history_url;
  if (!p.history.empty()) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path out_dir = fs::absolute(p.out, ec).parent_path();
    history_url = fs::absolute(p.history, ec).lexically_relative(out_dir).generic_string();
    std::string previous;
    if (std::FILE* f = std::fopen(p.history.c_str(), "rb")) {
      previous.resize(kifu::max_document_bytes);
      previous.resize(std::fread(previous.data(), 1, previous.size(), f));
      std::fclose(f);
    }
    history_text = kifu::history_json(agg, as_of, previous);
    auto history_check = kifu::parse_history(history_text, *campaign);
    if (!history_check.ok()) {
      for (const auto& e : history_check.diagnostics.errors) {
        std::cerr << "kifu aggregate: the history would be invalid: " << kifu::to_string(e) << "\n";
      }
      return 2;
    }
  }
  const std::string text = kifu::feed_json(feed, *campaign, history_url);
  // The feed must read back as valid for its campaign: a feed Kifu would
  // refuse is never published.
  auto check = kifu::parse_feed(text, *campaign);
  if (!check.ok()) {
    for (const auto& e : check.diagnostics.errors) {
      std::cerr << "kifu aggregate: internal error: the feed would be invalid: "
                << kifu::to_string(e) << "\n";
    }
    return 2;
  }
  bool written = false;
  if (!too_many && !p.history.empty()) {
    // The history first: a reader that follows the new feed's link finds it.
    AtomicFile out(p.history);
    if (!out.ok() ||
        std::fwrite(history_text.data(), 1, history_text.size(), out.get()) !=
            history_text.size() ||
        !out.commit()) {
      std::cerr << "kifu aggregate: cannot write " << p.history << "\n";
      return 2;
    }
  }
  if (!too_many) {
    AtomicFile out(p.out);
    if (!out.ok() || std::fwrite(text.data(), 1, text.size(), out.get()) != text.size() ||
        !out.commit()) {
      std::cerr << "kifu aggregate: cannot write " << p.out << "\n";
      return 2;
    }
    written = true;
  }

  std::cerr << "kifu aggregate: read " << with_commas(c.read) << " = accepted "
            << with_commas(c.accepted) << " + rejected " << with_commas(c.rejected)
            << " + duplicates " << with_commas(c.duplicates) << " (" << with_commas(c.removed)
            << " refunds/cancellations applied, " << with_commas(c.blank_lines)
            << " blank lines skipped)\n";
  std::cerr << "kifu aggregate: " << with_commas(static_cast<std::uint64_t>(feed.donations))
            << " donations from " << with_commas(static_cast<std::uint64_t>(feed.donors))
            << " donors, raised " << feed.raised << " (minor units of " << feed.currency.code
            << ")\n";
  if (c.rejected > 0) std::cerr << "kifu aggregate: rejects written to " << p.rejects << "\n";
  if (too_many) {
    std::cerr << "kifu aggregate: " << with_commas(c.rejected)
              << " rejects are more than --max-rejects " << p.max_rejects << " allows; " << p.out
              << " was left as it was\n";
  } else {
    std::cerr << "kifu aggregate: wrote " << p.out << "\n";
  }
  if (p.json) {
    json j = {{"ok", !too_many},
              {"feed_written", written},
              {"out", p.out},
              {"rejects", p.rejects},
              {"counts", counts_json(c)},
              {"raised", std::to_string(feed.raised)},
              {"donors", feed.donors},
              {"donations", feed.donations},
              {"spilled", agg.spilled()},
              {"notes", notes}};
    std::cout << j.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  }
  return too_many ? 1 : 0;
}

int validate_records(const std::string& path, const std::string& campaign_path,
                     const std::string& format, bool as_json) {
  if (campaign_path.empty()) {
    std::cerr << "kifu: validating records needs --campaign DEFINITION (dates, time zone and "
                 "point programs come from it)\n";
    return 2;
  }
  std::optional<kifu::RecordFormat> forced;
  if (!format.empty() && !(forced = format_from_name(format))) {
    std::cerr << "kifu: --format must be jsonl or csv\n";
    return 2;
  }
  auto campaign = load_campaign(campaign_path);
  if (!campaign) return 2;
  kifu::AggregateOptions options;
  {
    std::error_code ec;
    options.spill_parent = std::filesystem::temp_directory_path(ec).string();
  }
  kifu::Aggregator agg(*campaign, options);
  json errors = json::array();
  std::vector<std::string> human;
  auto on_reject = [&](const kifu::Reject& r) {
    for (const auto& d : r.reasons) {
      errors.push_back({{"line", r.line}, {"pointer", d.pointer}, {"message", d.message}});
      human.push_back(path + ":" + std::to_string(r.line) + ": error: " + reason_text(d));
    }
  };
  Progress progress;
  std::uint64_t bytes = 0;
  auto r = read_input(path, forced, agg, progress, bytes);
  progress.clear();
  if (!r.usable) return 2;
  if (!agg.finish(on_reject)) {
    std::cerr << "kifu: " << agg.error() << "\n";
    return 2;
  }
  const auto& c = agg.counts();
  const bool ok = c.rejected == 0;
  if (as_json) {
    json warnings = json::array();
    for (const auto& n : r.notes) warnings.push_back({{"pointer", ""}, {"message", n}});
    json j = {{"file", path},     {"kind", "records"},    {"ok", ok},
              {"errors", errors}, {"warnings", warnings}, {"counts", counts_json(c)}};
    std::cout << j.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  } else {
    for (const auto& line : human) std::cout << line << "\n";
    for (const auto& n : r.notes) std::cout << path << ": warning: " << n << "\n";
    std::cout << path << ": " << (ok ? "valid" : "invalid") << " records (read " << c.read
              << " = accepted " << c.accepted << " + rejected " << c.rejected << " + duplicates "
              << c.duplicates << ")\n";
  }
  return ok ? 0 : 1;
}

}  // namespace kifu_cli
