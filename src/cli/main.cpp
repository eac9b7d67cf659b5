// The native kifu command: validate documents and prerender what the widgets
// show, through the same core the browser runs.
//
//   kifu validate FILE [--as campaign|feed|history|records] [--campaign DEFINITION] [--json]
//   kifu aggregate --campaign DEFINITION --out FEED [...] [FILE...]  (aggregate_command.cpp)
//   kifu render progress --campaign DEFINITION --feed FEED
//        [--lang ja|en] [--variant bar|ring|thermometer] [--now RFC3339-TIME] [--stale] [--json]
//
// Exit codes: 0 valid / rendered, 1 the documents are invalid, 2 usage or
// unreadable file.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "campaign.hpp"
#include "commands.hpp"
#include "dates.hpp"
#include "diagnostic.hpp"
#include "estimator_view.hpp"
#include "progress_view.hpp"
#include "render_forecast.hpp"
#include "site_commands.hpp"

namespace {

using nlohmann::json;

constexpr const char* usage =
    "usage:\n"
    "  kifu validate FILE [--as campaign|feed|history|records] [--campaign DEFINITION]\n"
    "       [--format jsonl|csv] [--json]\n"
    "  kifu aggregate --campaign DEFINITION --out FEED [--rejects FILE] [--format jsonl|csv]\n"
    "       [--as-of RFC3339-TIME] [--max-rejects N|P%] [--json] [FILE...]\n"
    "  kifu render progress --campaign DEFINITION --feed FEED [--lang ja|en]\n"
    "       [--variant bar|ring|thermometer] [--now RFC3339-TIME] [--stale] [--json]\n"
    "  kifu render forecast --campaign DEFINITION --feed FEED [--history FILE] [--seed N]\n"
    "       [--lang ja|en] [--paths N] [--now RFC3339-TIME] [--json]\n"
    "  kifu render counter --campaign DEFINITION --feed FEED [--lang ja|en]\n"
    "       [--variant raised|donors] [--compact] [--now RFC3339-TIME] [--stale] [--json]\n"
    "  kifu render estimate --campaign DEFINITION [--feed FEED] --inputs INPUTS.json\n"
    "       [--lang ja|en] [--now RFC3339-TIME]   (INPUTS: an array of {balances, target};\n"
    "       prints an array of estimator views as JSON)\n"
    "  kifu render share --campaign DEFINITION --feed FEED [--lang ja|en] [--now RFC3339-TIME]\n"
    "  kifu render facts --campaign DEFINITION --feed FEED [--lang ja|en]\n"
    "  kifu render ... --png   (any drawing as PNG, through rsvg-convert)\n";

int fail_usage(const std::string& why) {
  std::cerr << "kifu: " << why << "\n" << usage;
  return 2;
}

// A file's text, read no further than one byte past the core's document
// limit so that a huge file costs no memory; `bytes` is its true size, so the
// refusal names it as the browser build would.
struct File {
  std::string text;
  std::size_t bytes;
  bool too_large() const { return bytes > kifu::max_document_bytes; }
};

std::optional<File> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  File f{std::string(kifu::max_document_bytes + 1, '\0'), 0};
  in.read(f.text.data(), static_cast<std::streamsize>(f.text.size()));
  if (in.bad()) return std::nullopt;
  f.text.resize(static_cast<std::size_t>(in.gcount()));
  f.bytes = f.text.size();
  char rest[65536];
  while (in) {  // count the rest without keeping it (also works for pipes)
    in.read(rest, sizeof rest);
    f.bytes += static_cast<std::size_t>(in.gcount());
  }
  if (in.bad()) return std::nullopt;
  return f;
}

struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;  // "--lang" -> "ja"; flags map to ""
};

std::optional<Args> parse_args(int argc, char** argv, const std::vector<std::string>& valued,
                               const std::vector<std::string>& flags, std::string& error) {
  Args a;
  for (int i = 2; i < argc; ++i) {
    std::string s = argv[i];
    if (s.rfind("--", 0) != 0) {
      a.positional.push_back(s);
    } else if (std::find(flags.begin(), flags.end(), s) != flags.end()) {
      a.options[s] = "";
    } else if (std::find(valued.begin(), valued.end(), s) != valued.end()) {
      if (i + 1 >= argc) {
        error = s + " needs a value";
        return std::nullopt;
      }
      a.options[s] = argv[++i];
    } else {
      error = "unknown option " + s;
      return std::nullopt;
    }
  }
  return a;
}

json diagnostics_json(const std::vector<kifu::Diagnostic>& list) {
  json out = json::array();
  for (const auto& d : list) out.push_back({{"pointer", d.pointer}, {"message", d.message}});
  return out;
}

int validate(int argc, char** argv) {
  std::string error;
  auto args = parse_args(argc, argv, {"--as", "--campaign", "--format"}, {"--json"}, error);
  if (!args) return fail_usage(error);
  if (args->positional.size() != 1) return fail_usage("validate takes exactly one FILE");
  const std::string& path = args->positional[0];
  const std::string as = args->options.count("--as") ? args->options["--as"] : "";
  if (as == "records" || (as.empty() && kifu_cli::is_records_path(path))) {
    return kifu_cli::validate_records(path, args->options["--campaign"], args->options["--format"],
                                      args->options.count("--json") > 0);
  }
  auto file = read_file(path);
  if (!file) return fail_usage("cannot read " + path);
  const std::string& text = file->text;

  std::string kind = args->options.count("--as") ? args->options["--as"] : "";
  if (kind.empty()) {
    // A feed names its campaign; a definition has a goal.
    json probe = json::parse(text, nullptr, false);
    if (probe.is_object() && probe.contains("campaign_id")) {
      kind = "feed";
    } else if (probe.is_object() && probe.contains("goal")) {
      kind = "campaign";
    } else if (args->options.count("--campaign")) {
      kind = "feed";
    } else {
      kind = "campaign";  // the most common file an editor checks
    }
  }
  kifu::Validation v;
  if (kind != "campaign" && kind != "feed" && kind != "history") {
    return fail_usage("--as must be campaign, feed, history or records");
  }
  if (kind == "history" && !args->options.count("--campaign")) {
    return fail_usage("validating a history needs --campaign DEFINITION (its days and currency)");
  }
  if (file->too_large()) {
    v = {false, kind, {kifu::document_too_large(file->bytes, kifu::max_document_bytes)}, {}};
  } else if (kind == "campaign") {
    v = kifu::validate_campaign(text);
  } else if (kind == "history") {
    auto def = read_file(args->options["--campaign"]);
    if (!def) return fail_usage("cannot read " + args->options["--campaign"]);
    v = kifu_cli::validate_history(text, def->text);
  } else {
    std::string definition;
    if (args->options.count("--campaign")) {
      auto def = read_file(args->options["--campaign"]);
      if (!def) return fail_usage("cannot read " + args->options["--campaign"]);
      definition = def->text;
    }
    v = kifu::validate_feed(text, definition);
  }

  if (args->options.count("--json")) {
    json out = {{"file", path},
                {"kind", v.kind},
                {"ok", v.ok},
                {"errors", diagnostics_json(v.errors)},
                {"warnings", diagnostics_json(v.warnings)}};
    std::cout << out.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  } else {
    for (const auto& e : v.errors) std::cout << path << ": error: " << kifu::to_string(e) << "\n";
    for (const auto& w : v.warnings) {
      std::cout << path << ": warning: " << kifu::to_string(w) << "\n";
    }
    std::cout << path << ": " << (v.ok ? "valid " : "invalid ") << v.kind << " (" << v.errors.size()
              << " errors, " << v.warnings.size() << " warnings)\n";
  }
  return v.ok ? 0 : 1;
}

json view_json(const kifu::ProgressView& v) {
  return {{"ok", v.ok},
          {"errors", diagnostics_json(v.errors)},
          {"errorSource", v.error_source},
          {"lang", v.lang},
          {"title", v.title},
          {"raised", v.raised},
          {"raisedCompact", v.raised_compact},
          {"goal", v.goal},
          {"goalCompact", v.goal_compact},
          {"goalLabel", v.goal_label},
          {"percent", v.percent},
          {"ariaValuenow", v.aria_valuenow},
          {"ariaValuetext", v.aria_valuetext},
          {"remaining", v.remaining},
          {"donors", v.donors},
          {"donorCount", v.donor_count},
          {"days", v.days},
          {"nextMilestone", v.next_milestone},
          {"updated", v.updated},
          {"staleNote", v.stale_note},
          {"sampleNote", v.sample_note},
          {"announcement", v.announcement},
          {"svg", v.svg},
          {"goalReached", v.goal_reached}};
}

int render_estimate_command(int argc, char** argv);

int render(int argc, char** argv) {
  if (argc >= 3 && std::string(argv[2]) == "forecast") {
    return kifu::cli::render_forecast_command(argc, argv);
  }
  if (argc >= 3 && std::string(argv[2]) == "estimate") return render_estimate_command(argc, argv);
  if (argc >= 3 && std::string(argv[2]) == "share")
    return kifu::cli::render_share_command(argc, argv);
  if (argc >= 3 && std::string(argv[2]) == "facts")
    return kifu::cli::render_facts_command(argc, argv);
  if (argc >= 3 && std::string(argv[2]) == "counter")
    return kifu_cli::render_counter_command(argc, argv);
  if (argc < 3 || std::string(argv[2]) != "progress") {
    return fail_usage(
        "render knows these views: progress, counter, forecast, estimate, share and facts");
  }
  std::string error;
  auto args =
      parse_args(argc - 1, argv + 1, {"--campaign", "--feed", "--lang", "--variant", "--now"},
                 {"--stale", "--json"}, error);
  if (!args) return fail_usage(error);
  if (!args->positional.empty()) return fail_usage("unexpected argument " + args->positional[0]);
  if (!args->options.count("--campaign") || !args->options.count("--feed")) {
    return fail_usage("render progress needs --campaign and --feed");
  }
  auto definition = read_file(args->options["--campaign"]);
  if (!definition) return fail_usage("cannot read " + args->options["--campaign"]);
  auto feed = read_file(args->options["--feed"]);
  if (!feed) return fail_usage("cannot read " + args->options["--feed"]);

  double now_ms;
  if (args->options.count("--now")) {
    auto t = kifu::parse_timestamp(args->options["--now"]);
    if (!t) return fail_usage("--now must be an RFC 3339 time with offset");
    now_ms = static_cast<double>(*t) * 1000.0;
  } else {
    now_ms = static_cast<double>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count());
  }
  for (const File* f : {&*definition, &*feed}) {
    if (f->too_large()) {
      std::cerr << "kifu: " << (f == &*feed ? "feed" : "campaign") << ": "
                << kifu::to_string(kifu::document_too_large(f->bytes, kifu::max_document_bytes))
                << "\n";
      return 1;
    }
  }
  kifu::ProgressRequest req{definition->text,
                            feed->text,
                            args->options.count("--lang") ? args->options["--lang"] : "ja",
                            args->options.count("--variant") ? args->options["--variant"] : "bar",
                            now_ms,
                            args->options.count("--stale") > 0};
  kifu::ProgressView v = kifu::render_progress(req);
  if (args->options.count("--json")) {
    std::cout << view_json(v).dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    return v.ok ? 0 : 1;
  }
  if (!v.ok) {
    for (const auto& e : v.errors) {
      std::cerr << "kifu: " << v.error_source << ": " << kifu::to_string(e) << "\n";
    }
    return 1;
  }
  std::cout << v.svg << "\n";
  return 0;
}

// The estimator's views for many inputs at once, so that tests can hold the
// native build to the browser's byte for byte without a process per case.
int render_estimate_command(int argc, char** argv) {
  std::string error;
  auto args = parse_args(argc - 1, argv + 1,
                         {"--campaign", "--feed", "--inputs", "--lang", "--now"}, {}, error);
  if (!args) return fail_usage(error);
  if (!args->options.count("--campaign") || !args->options.count("--inputs")) {
    return fail_usage("render estimate needs --campaign and --inputs");
  }
  auto definition = read_file(args->options["--campaign"]);
  if (!definition) return fail_usage("cannot read " + args->options["--campaign"]);
  std::string feed_text;
  if (args->options.count("--feed")) {
    auto feed = read_file(args->options["--feed"]);
    if (!feed) return fail_usage("cannot read " + args->options["--feed"]);
    feed_text = feed->text;
  }
  std::ifstream in(args->options["--inputs"], std::ios::binary);
  const json inputs = json::parse(in, nullptr, false);
  if (!in || inputs.is_discarded() || !inputs.is_array()) {
    return fail_usage("--inputs must name a file holding a JSON array of {balances, target}");
  }
  double now_ms = 0;
  if (args->options.count("--now")) {
    auto t = kifu::parse_timestamp(args->options["--now"]);
    if (!t) return fail_usage("--now must be an RFC 3339 time with offset");
    now_ms = static_cast<double>(*t) * 1000.0;
  } else {
    now_ms = static_cast<double>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count());
  }
  const std::string lang = args->options.count("--lang") ? args->options["--lang"] : "ja";
  json out = json::array();
  bool all_ok = true;
  for (const json& one : inputs) {
    const kifu::EstimateView v =
        kifu::render_estimate({definition->text, feed_text, one.dump(), lang, now_ms});
    all_ok = all_ok && v.ok;
    json programs = json::array();
    for (const auto& p : v.programs) {
      programs.push_back({{"id", p.id},
                          {"name", p.name},
                          {"unit", p.unit},
                          {"rule", p.rule},
                          {"inputError", p.input_error},
                          {"hasBalance", p.has_balance},
                          {"result", p.result},
                          {"detail", p.detail},
                          {"limit", p.limit},
                          {"valueNote", p.value_note},
                          {"needed", p.needed}});
    }
    out.push_back({{"ok", v.ok},
                   {"errors", diagnostics_json(v.errors)},
                   {"errorSource", v.error_source},
                   {"programs", programs},
                   {"targetError", v.target_error},
                   {"total", v.total},
                   {"matched", v.matched},
                   {"impact", v.impact},
                   {"effect", v.effect},
                   {"mix", v.mix},
                   {"taxNote", v.tax_note},
                   {"announcement", v.announcement}});
  }
  std::cout << out.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  return all_ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return fail_usage("missing command");
  const std::string command = argv[1];
  if (command == "validate") return validate(argc, argv);
  if (command == "render") return kifu::cli::with_png(argc, argv, render);
  if (command == "aggregate") return kifu_cli::aggregate_command(argc, argv);
  if (command == "--help" || command == "help") {
    std::cout << usage;
    return 0;
  }
  return fail_usage("unknown command " + command);
}
