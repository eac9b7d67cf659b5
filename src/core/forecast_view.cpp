#include "forecast_view.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

#include "campaign.hpp"
#include "feed.hpp"
#include "forecast.hpp"
#include "forecast_svg.hpp"
#include "format.hpp"
#include "history.hpp"
#include "scale.hpp"

namespace kifu {

struct ForecastSession::State {
  ForecastView failure;  // ok == false when the request was refused
  std::optional<Campaign> campaign;
  std::optional<History> history;
  std::optional<ForecastRun> run;
  Lang lang = Lang::ja;
  std::uint64_t seed = 0;
};

namespace {

std::string pick(Lang lang, std::string ja, std::string en) {
  return lang == Lang::ja ? std::move(ja) : std::move(en);
}

ForecastView failed(std::string source, std::vector<Diagnostic> errors) {
  ForecastView v;
  v.error_source = std::move(source);
  v.errors = std::move(errors);
  return v;
}

// In a sentence the month is written out ("around March 2031"); the
// chart's ticks use the short form (scale.hpp).
std::string month(std::int64_t day, Lang lang) {
  static constexpr std::array<const char*, 12> names = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  const Date d = civil_from_days(day);
  if (lang == Lang::ja) return format_month(d, lang);
  return std::string(names[static_cast<std::size_t>(d.month - 1)]) + " " + std::to_string(d.year);
}

std::string date(std::int64_t day, Lang lang) {
  return format_date(civil_from_days(day), lang);
}

// Whole percent, never rounding a chance to 0% or 100% that is not one.
std::string chance_text(const VariantForecast& v, Lang lang) {
  if (v.paths > 0 && v.reached_by_end == 0) return "0%";
  if (v.reached_by_end == v.paths) return "100%";
  if (v.chance_by_end_permille < 10) return pick(lang, "1%未満", "less than 1%");
  if (v.chance_by_end_permille >= 990) return pick(lang, "99%超", "more than 99%");
  return std::to_string(v.chance_by_end_permille / 10) + "%";
}

std::string when(const std::optional<std::int64_t>& day, Lang lang, const std::string& horizon) {
  if (!day) return pick(lang, horizon + "までには届かない", "not before " + horizon);
  return month(*day, lang);
}

std::string headline(const Forecast& f, const Campaign& c, Lang lang) {
  switch (f.status) {
    case ForecastStatus::not_enough_data:
      return pick(lang, "予測にはまだデータが足りません（日別の記録が2週間分以上必要です）。",
                  "Not enough data for a forecast yet: it needs at least two weeks of daily "
                  "history.");
    case ForecastStatus::goal_reached:
      return pick(lang, "目標を達成しました。", "The goal has been reached.");
    case ForecastStatus::ended:
      return pick(lang, "受付は終了しました。目標には届きませんでした。",
                  "The campaign has ended without reaching its goal.");
    case ForecastStatus::ok:
      break;
  }
  const VariantForecast& base = f.variants[0];
  const std::string end = date(f.end_day, lang);
  const std::string chance = chance_text(base, lang);
  if (base.done_p50) {
    return pick(lang,
                "今のペースなら目標達成は" + month(*base.done_p50, lang) +
                    "ごろの見込みです。期間終了（" + end + "）までに達成する確率は" + chance +
                    "です。",
                "At the current pace the goal is reached around " + month(*base.done_p50, lang) +
                    "; there is a " + chance + " chance it is reached by the campaign's end (" +
                    end + ").");
  }
  const std::string horizon = month(f.horizon_day, lang);
  return pick(lang,
              "今のペースでは" + horizon + "までに目標に届かない見込みです。期間終了（" + end +
                  "）までに達成する確率は" + chance + "です。",
              "At the current pace the goal is not reached before " + horizon + "; there is a " +
                  chance + " chance it is reached by the campaign's end (" + end + ").");
  (void)c;
}

std::vector<std::string> details(const Forecast& f, const Campaign& c, Lang lang) {
  std::vector<std::string> out;
  auto amount = [&](std::int64_t a) { return format_amount_compact(a, c.currency, lang); };
  const std::string horizon = month(f.horizon_day, lang);
  if (f.status == ForecastStatus::ok && !f.variants.empty()) {
    const VariantForecast& b = f.variants[0];
    out.push_back(pick(lang,
                       "期間終了時の見込み総額: " + amount(b.end_mean) + "（80%の確率で" +
                           amount(b.end_p10) + "〜" + amount(b.end_p90) + "）",
                       "Expected total at the end: " + amount(b.end_mean) + " (80% range " +
                           amount(b.end_p10) + " to " + amount(b.end_p90) + ")"));
    out.push_back(
        pick(lang,
             "目標達成の時期: 10%の確率で" + when(b.done_p10, lang, horizon) + "、50%で" +
                 when(b.done_p50, lang, horizon) + "、90%で" + when(b.done_p90, lang, horizon),
             "Goal date: 10% chance by " + when(b.done_p10, lang, horizon) + ", 50% by " +
                 when(b.done_p50, lang, horizon) + ", 90% by " + when(b.done_p90, lang, horizon)));
  }
  if (f.status == ForecastStatus::ok || f.status == ForecastStatus::not_enough_data) {
    for (const RunRate& r : f.run_rates) {
      const std::string window = std::to_string(r.window_days);
      if (!r.enough_data) {
        out.push_back(pick(lang, "直近" + window + "日のペース: 記録がまだ足りません",
                           "Last " + window + " days' pace: not enough history yet"));
        continue;
      }
      const std::string per_day = amount(r.per_window / r.window_days);
      const std::string reach = r.reach_day ? month(*r.reach_day, lang) : "";
      out.push_back(pick(
          lang,
          "直近" + window + "日のペース（1日" + per_day + "）: " +
              (r.reach_day ? reach + "ごろ達成" : std::string("このペースでは達成しません")),
          "Last " + window + " days' pace (" + per_day + " a day): " +
              (r.reach_day ? "goal around " + reach : std::string("the goal is not reached"))));
    }
  }
  if (f.status == ForecastStatus::ok) {
    for (std::size_t i = 1; i < f.variants.size(); ++i) {
      const VariantForecast& v = f.variants[i];
      out.push_back(pick(
          lang,
          v.label.ja + "の場合: 期間内の達成確率" + chance_text(v, lang) + "、達成は" +
              when(v.done_p50, lang, horizon) + "ごろ、終了時" + amount(v.end_p50) + "",
          "With " + v.label.en + ": " + chance_text(v, lang) + " chance by the end, goal around " +
              when(v.done_p50, lang, horizon) + ", " + amount(v.end_p50) + " at the end"));
    }
  }
  return out;
}

const char* status_name(ForecastStatus s) {
  switch (s) {
    case ForecastStatus::ok:
      return "ok";
    case ForecastStatus::not_enough_data:
      return "not_enough_data";
    case ForecastStatus::goal_reached:
      return "goal_reached";
    case ForecastStatus::ended:
      return "ended";
  }
  return "";
}

}  // namespace

ForecastSession::ForecastSession(const ForecastRequest& req) : state_(std::make_unique<State>()) {
  State& st = *state_;
  auto lang = parse_lang(req.lang);
  if (!lang) {
    st.failure = failed("request", {{"/lang", "must be \"ja\" or \"en\""}});
    return;
  }
  st.lang = *lang;
  // Seeds cross from JavaScript as numbers: whole and exact ones only.
  if (!std::isfinite(req.seed) || req.seed < 0 || req.seed > 9007199254740991.0 ||
      std::floor(req.seed) != req.seed) {
    st.failure = failed("request", {{"/seed", "must be a whole number from 0 to 2^53 - 1"}});
    return;
  }
  if (!std::isfinite(req.paths) || std::floor(req.paths) != req.paths) {
    st.failure = failed("request", {{"/paths", "must be a whole number (it is clamped to " +
                                                   std::to_string(min_paths) + ".." +
                                                   std::to_string(max_paths) + ")"}});
    return;
  }
  if (!std::isfinite(req.now_unix_ms) || std::fabs(req.now_unix_ms) > 2.5e14) {
    st.failure =
        failed("request", {{"/now_unix_ms", "must be a finite time in milliseconds since 1970"}});
    return;
  }
  st.seed = static_cast<std::uint64_t>(req.seed);
  auto campaign = parse_campaign(req.campaign_json);
  if (!campaign.ok()) {
    st.failure = failed("campaign", campaign.diagnostics.errors);
    return;
  }
  auto feed = parse_feed(req.feed_json, *campaign.value);
  if (!feed.ok()) {
    st.failure = failed("feed", feed.diagnostics.errors);
    return;
  }
  auto history = parse_history(req.history_json, *campaign.value);
  if (!history.ok()) {
    st.failure = failed("history", history.diagnostics.errors);
    return;
  }
  const Campaign& c = *campaign.value;
  const Date as_of = local_date(feed.value->as_of, c.time_zone);
  if (history.value->has_days() && history.value->through >= as_of) {
    st.failure = failed("history",
                        {{"/through", "the history runs through " + to_iso(history.value->through) +
                                          ", but the feed's total is from " + to_iso(as_of) +
                                          "; a history holds only complete days "
                                          "before the feed's"}});
    return;
  }
  const double paths =
      std::clamp(req.paths, static_cast<double>(min_paths), static_cast<double>(max_paths));
  Feed f = *feed.value;
  // A campaign whose last day is over by the clock has ended, even when its
  // feed stopped earlier.
  const auto now = static_cast<std::int64_t>(std::floor(req.now_unix_ms / 1000.0));
  if (local_date(now, c.time_zone) > c.end && f.as_of < now) f.as_of = now;
  st.campaign = c;
  st.history = std::move(*history.value);
  st.run.emplace(c, f, *st.history, ForecastOptions{st.seed, static_cast<std::size_t>(paths)});
}

ForecastSession::~ForecastSession() = default;

int ForecastSession::advance(int count) {
  if (!state_->run) return 0;
  return static_cast<int>(state_->run->advance(static_cast<std::size_t>(std::max(count, 1))));
}

bool ForecastSession::finished() const {
  return !state_->run || state_->run->finished();
}

ForecastView ForecastSession::view() const {
  const State& st = *state_;
  if (!st.run) return st.failure;
  const Campaign& c = *st.campaign;
  const Lang l = st.lang;
  const Forecast f = st.run->result();
  ForecastView v;
  v.ok = true;
  v.lang = l == Lang::ja ? "ja" : "en";
  v.status = status_name(f.status);
  v.title = c.title.in(l);
  v.headline = headline(f, c, l);
  if (f.status == ForecastStatus::ok) v.chance = chance_text(f.variants[0], l);
  v.details = details(f, c, l);
  v.paths_done = static_cast<int>(f.paths_done);
  v.paths_total = static_cast<int>(f.paths_total);
  v.finished = f.paths_done >= f.paths_total;
  if (f.status == ForecastStatus::ok) {
    const std::string done = format_count(static_cast<std::int64_t>(f.paths_done));
    const std::string total = format_count(static_cast<std::int64_t>(f.paths_total));
    const std::string seed = std::to_string(st.seed);
    v.basis = v.finished
                  ? pick(l, done + "通りの将来のシミュレーションによる（シード" + seed + "）",
                         "Based on " + done + " simulated futures (seed " + seed + ")")
                  : pick(l, "シミュレーション中: " + total + "通りのうち" + done + "通り",
                         "Simulating: " + done + " of " + total + " futures so far");
  }
  if (c.sample_data) {
    v.sample_note = pick(l, "サンプルデータです（実際の寄付額ではありません）",
                         "Sample data, not real donations");
  }
  v.svg = forecast_svg(c, *st.history, f, l, v.headline);
  return v;
}

ForecastView render_forecast(const ForecastRequest& request) {
  ForecastSession session(request);
  while (!session.finished()) session.advance(static_cast<int>(max_paths));
  return session.view();
}

}  // namespace kifu
