// kifu-core's Embind registrations: the live totals' four functions, texts
// in, one JSON text out. No logic here beyond writing the result down.
//
// Why JSON text rather than value_object and vectors (which the estimator's
// module binds): a page of progress widgets downloads this module, and
// Embind's struct and class runtime was a third of its download. Functions
// over std::string use only Embind's built-in string type; web/kifu/core.js
// JSON.parse()s each result. Measured on this module (gzip -9): value_object
// + arrays: glue 6.5 KB; strings only: glue 5.6 KB (a plain C ABI without
// Embind, tried and dropped: Embind is the project's binding layer, 1.8 KB).
// Amounts are in the JSON as decimal strings and formatted text, never numbers.
#include <emscripten/bind.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "../core/format.hpp"
#include "../core/progress_view.hpp"

namespace {

// A JSON object written field by field, camelCase names as core.js reads
// them. Strings are escaped as JSON requires ('"', '\\', U+0000..U+001F);
// other bytes go through as they are (UTF-8).
class JsonObject {
 public:
  JsonObject& text(std::string_view name, std::string_view value) {
    key(name);
    put(value);
    return *this;
  }
  JsonObject& flag(std::string_view name, bool value) {
    key(name);
    out_ += value ? "true" : "false";
    return *this;
  }
  JsonObject& list(std::string_view name, const std::vector<kifu::Diagnostic>& items) {
    key(name);
    out_ += '[';
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i > 0) out_ += ',';
      out_ += "{\"pointer\":";
      put(items[i].pointer);
      out_ += ",\"message\":";
      put(items[i].message);
      out_ += '}';
    }
    out_ += ']';
    return *this;
  }
  std::string done() {
    out_ += out_.empty() ? "{}" : "}";
    return std::move(out_);
  }

 private:
  void key(std::string_view name) {
    out_ += out_.empty() ? '{' : ',';
    put(name);
    out_ += ':';
  }
  void put(std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out_ += '"';
    for (const char ch : s) {
      const auto c = static_cast<unsigned char>(ch);
      if (c == '"' || c == '\\') {
        out_ += '\\';
        out_ += ch;
      } else if (c < 0x20) {
        out_ += "\\u00";
        out_ += hex[c >> 4];
        out_ += hex[c & 15];
      } else {
        out_ += ch;
      }
    }
    out_ += '"';
  }

  std::string out_;
};

std::string validation(const kifu::Validation& v) {
  return JsonObject()
      .flag("ok", v.ok)
      .text("kind", v.kind)
      .list("errors", v.errors)
      .list("warnings", v.warnings)
      .done();
}

std::string render_progress(const std::string& campaign, const std::string& feed,
                            const std::string& lang, const std::string& variant, double now_unix_ms,
                            bool stale) {
  const kifu::ProgressView v =
      kifu::render_progress({campaign, feed, lang, variant, now_unix_ms, stale});
  return JsonObject()
      .flag("ok", v.ok)
      .list("errors", v.errors)
      .text("errorSource", v.error_source)
      .text("lang", v.lang)
      .text("title", v.title)
      .text("raised", v.raised)
      .text("raisedCompact", v.raised_compact)
      .text("goal", v.goal)
      .text("goalCompact", v.goal_compact)
      .text("goalLabel", v.goal_label)
      .text("percent", v.percent)
      .text("ariaValuenow", v.aria_valuenow)
      .text("ariaValuetext", v.aria_valuetext)
      .text("remaining", v.remaining)
      .text("donors", v.donors)
      .text("donorCount", v.donor_count)
      .text("days", v.days)
      .text("nextMilestone", v.next_milestone)
      .text("updated", v.updated)
      .text("staleNote", v.stale_note)
      .text("sampleNote", v.sample_note)
      .text("announcement", v.announcement)
      .text("svg", v.svg)
      .flag("goalReached", v.goal_reached)
      .done();
}

std::string validate_campaign(const std::string& campaign) {
  return validation(kifu::validate_campaign(campaign));
}

std::string validate_feed(const std::string& feed, const std::string& campaign) {
  return validation(kifu::validate_feed(feed, campaign));
}

std::string format_amount(const std::string& minor, const std::string& currency,
                          const std::string& lang, bool compact) {
  const kifu::FormattedAmount f = kifu::format_amount_text(minor, currency, lang, compact);
  return JsonObject().flag("ok", f.ok).text("text", f.text).text("error", f.error).done();
}

}  // namespace

EMSCRIPTEN_BINDINGS(kifu_core) {
  emscripten::function("renderProgressJson", &render_progress);
  emscripten::function("validateCampaignJson", &validate_campaign);
  emscripten::function("validateFeedJson", &validate_feed);
  emscripten::function("formatAmountJson", &format_amount);
}
