#include "progress_view.hpp"

#include <cmath>

#include "campaign.hpp"
#include "feed.hpp"
#include "format.hpp"
#include "progress.hpp"
#include "svg.hpp"

namespace kifu {

namespace {

std::string pick(Lang lang, std::string ja, std::string en) {
  return lang == Lang::ja ? std::move(ja) : std::move(en);
}

std::string plural(std::int64_t n, const char* one, const char* many) {
  return format_count(n) + " " + (n == 1 ? one : many);
}

std::string days_text(const Progress& p, Lang lang) {
  const std::string n = format_count(p.days);
  switch (p.phase) {
    case Phase::before_start:
      return pick(lang, "開始まであと" + n + "日", "Starts in " + plural(p.days, "day", "days"));
    case Phase::running:
      return pick(lang, "残り" + n + "日", plural(p.days, "day", "days") + " left");
    case Phase::last_day:
      return pick(lang, "本日最終日", "Last day today");
    case Phase::ended:
      return pick(lang, "受付終了", "Campaign ended");
  }
  return {};
}

ProgressView failed(std::string source, std::vector<Diagnostic> errors) {
  ProgressView v;
  v.error_source = std::move(source);
  v.errors = std::move(errors);
  return v;
}

}  // namespace

ProgressView render_progress(const ProgressRequest& req) {
  auto lang = parse_lang(req.lang);
  if (!lang) return failed("request", {{"/lang", "must be \"ja\" or \"en\""}});
  if (req.variant != "bar" && req.variant != "ring" && req.variant != "thermometer") {
    return failed("request", {{"/variant", "must be \"bar\", \"ring\" or \"thermometer\""}});
  }
  // Milliseconds since 1970 from Date.now(); years beyond 9999 are not dates
  // a campaign can have.
  if (!std::isfinite(req.now_unix_ms) || std::fabs(req.now_unix_ms) > 2.5e14) {
    return failed("request",
                  {{"/now_unix_ms", "must be a finite time in milliseconds since 1970"}});
  }
  const auto now = static_cast<std::int64_t>(std::floor(req.now_unix_ms / 1000.0));

  auto campaign = parse_campaign(req.campaign_json);
  if (!campaign.ok()) return failed("campaign", campaign.diagnostics.errors);
  const Campaign& c = *campaign.value;
  auto feed = parse_feed(req.feed_json, c);
  if (!feed.ok()) return failed("feed", feed.diagnostics.errors);
  const Feed& f = *feed.value;

  const Lang l = *lang;
  const Progress p = compute_progress(c, f, now);
  ProgressView v;
  v.ok = true;
  v.lang = req.lang;
  v.title = c.title.in(l);
  v.raised = format_amount(p.raised, c.currency, l);
  v.raised_compact = format_amount_compact(p.raised, c.currency, l);
  v.goal = format_amount(p.goal, c.currency, l);
  v.goal_compact = format_amount_compact(p.goal, c.currency, l);
  v.goal_label = pick(l, "目標 " + v.goal_compact, "Goal " + v.goal_compact);
  v.percent = format_percent(p.permille);
  const std::string now_percent = format_percent(p.bar_permille);
  v.aria_valuenow = now_percent.substr(0, now_percent.size() - 1);  // drop the '%'
  v.aria_valuetext =
      pick(l, "目標" + v.goal_compact + "のうち" + v.raised_compact + "（" + v.percent + "）",
           v.raised_compact + " of " + v.goal_compact + " (" + v.percent + ")");
  v.goal_reached = p.goal_reached;
  v.remaining = p.goal_reached
                    ? pick(l, "目標を達成しました", "Goal reached")
                    : pick(l, "目標まであと" + format_amount_compact(p.remaining, c.currency, l),
                           format_amount_compact(p.remaining, c.currency, l) + " to go");
  v.donors = pick(
      l, format_count(p.donors) + "人・" + format_count(p.donations) + "件の寄付",
      plural(p.donors, "donor", "donors") + " · " + plural(p.donations, "donation", "donations"));
  v.days = days_text(p, l);
  if (p.next_milestone) {
    const Milestone& m = c.milestones[*p.next_milestone];
    const std::string to_go = format_amount_compact(p.to_next_milestone, c.currency, l);
    const std::string at = format_amount_compact(m.amount, c.currency, l);
    v.next_milestone =
        pick(l, "次の節目「" + m.label.ja + "」" + at + "まであと" + to_go,
             "Next milestone: " + m.label.en + " at " + at + ", " + to_go + " to go");
  }
  const std::string age = format_age(now - f.as_of, l);
  v.updated = pick(l, "更新: " + age, "Updated " + age);
  if (req.stale) {
    v.stale_note = pick(l, "更新が止まっています（" + age + "のデータを表示中）",
                        "Not updating: showing data from " + age);
  }
  if (c.sample_data) {
    v.sample_note = pick(l, "サンプルデータです（実際の寄付額ではありません）",
                         "Sample data, not real donations");
  }
  v.announcement = pick(l, "寄付総額 " + v.raised_compact + "（" + v.percent + "）",
                        "Raised " + v.raised_compact + " (" + v.percent + ")");
  v.donor_count = format_count(p.donors);
  if (req.variant == "ring")
    v.svg = progress_ring_svg(c, p, l);
  else if (req.variant == "thermometer")
    v.svg = progress_thermometer_svg(c, p, l);
  else
    v.svg = progress_bar_svg(c, p, l);
  return v;
}

Validation validate_campaign(const std::string& campaign_json) {
  auto parsed = parse_campaign(campaign_json);
  return {parsed.ok(), "campaign", parsed.diagnostics.errors, parsed.diagnostics.warnings};
}

Validation validate_feed(const std::string& feed_json, const std::string& campaign_json) {
  if (campaign_json.empty()) {
    auto parsed = parse_feed(feed_json);
    return {parsed.ok(), "feed", parsed.diagnostics.errors, parsed.diagnostics.warnings};
  }
  auto campaign = parse_campaign(campaign_json);
  if (!campaign.ok()) {
    Validation v{false, "feed", {}, {}};
    for (auto e : campaign.diagnostics.errors) {
      e.message = "the campaign definition the feed is checked against is invalid: " + e.message;
      v.errors.push_back(std::move(e));
    }
    return v;
  }
  auto parsed = parse_feed(feed_json, *campaign.value);
  return {parsed.ok(), "feed", parsed.diagnostics.errors, parsed.diagnostics.warnings};
}

}  // namespace kifu
