// kifu-core's bindings: the live totals' four functions as a plain C ABI,
// each result one JSON text. No logic here beyond writing the result down.
//
// Why not Embind (which the estimator's and the forecast's modules use): a
// page of progress widgets downloads this module, and Embind's runtime was a
// third of its download (measured on this module: glue 6.5 KB -> 2.1 KB gzip,
// the wasm's Embind registrations and type tables gone too). Four
// coarse calls need none of it: web/kifu/core.js copies the UTF-8 texts into
// the module's memory, calls, and JSON.parse()s the text returned.
//
// Strings in: (pointer, byte length) pairs, UTF-8, not NUL-terminated.
// Result out: a NUL-terminated JSON text, valid until the next call.
// Amounts are in it as decimal strings and formatted text, never numbers.
#include <emscripten/emscripten.h>

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
  // The finished text, kept until the next call (the caller copies it out).
  const char* done() {
    out_ += out_.empty() ? "{}" : "}";
    static std::string result;
    result = std::move(out_);
    return result.c_str();
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

std::string text(const char* data, std::size_t size) {
  return {data, size};
}

const char* validation(const kifu::Validation& v) {
  return JsonObject()
      .flag("ok", v.ok)
      .text("kind", v.kind)
      .list("errors", v.errors)
      .list("warnings", v.warnings)
      .done();
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* kifu_render_progress(const char* campaign,
                                                      std::size_t campaign_size, const char* feed,
                                                      std::size_t feed_size, const char* lang,
                                                      std::size_t lang_size, const char* variant,
                                                      std::size_t variant_size, double now_unix_ms,
                                                      int stale) {
  const kifu::ProgressView v = kifu::render_progress(
      {text(campaign, campaign_size), text(feed, feed_size), text(lang, lang_size),
       text(variant, variant_size), now_unix_ms, stale != 0});
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

EMSCRIPTEN_KEEPALIVE const char* kifu_validate_campaign(const char* campaign, std::size_t size) {
  return validation(kifu::validate_campaign(text(campaign, size)));
}

EMSCRIPTEN_KEEPALIVE const char* kifu_validate_feed(const char* feed, std::size_t feed_size,
                                                    const char* campaign,
                                                    std::size_t campaign_size) {
  return validation(kifu::validate_feed(text(feed, feed_size), text(campaign, campaign_size)));
}

EMSCRIPTEN_KEEPALIVE const char* kifu_format_amount(const char* minor, std::size_t minor_size,
                                                    const char* currency, std::size_t currency_size,
                                                    const char* lang, std::size_t lang_size,
                                                    int compact) {
  const kifu::FormattedAmount f = kifu::format_amount_text(
      text(minor, minor_size), text(currency, currency_size), text(lang, lang_size), compact != 0);
  return JsonObject().flag("ok", f.ok).text("text", f.text).text("error", f.error).done();
}

}  // extern "C"
