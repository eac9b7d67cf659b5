#include "estimator_view.hpp"

#include <cmath>

#include "amount_input.hpp"
#include "campaign.hpp"
#include "cheapest.hpp"
#include "estimate.hpp"
#include "estimator_settings.hpp"
#include "feed.hpp"
#include "format.hpp"
#include "json_fields.hpp"
#include "progress.hpp"

namespace kifu {

namespace {

using detail::json;

std::string pick(Lang lang, std::string ja, std::string en) {
  return lang == Lang::ja ? std::move(ja) : std::move(en);
}

struct Writer {
  const Campaign& c;
  Lang lang;

  std::string money(std::int64_t minor) const { return format_amount(minor, c.currency, lang); }
  std::string points(const PointProgram& p, std::int64_t n) const {
    return pick(lang, format_count(n) + p.unit.ja, format_count(n) + " " + p.unit.en);
  }
  std::string period(Period per) const {
    switch (per) {
      case Period::day:
        return pick(lang, "1日", "a day");
      case Period::month:
        return pick(lang, "1か月", "a month");
      case Period::year:
        return pick(lang, "1年", "a year");
    }
    return {};
  }

  std::string rule(const PointProgram& p) const {
    std::vector<std::string> parts;
    if (p.is_menu()) {
      std::string items;
      for (const MenuItem& m : p.menu) {
        if (!items.empty()) items += pick(lang, "、", ", ");
        items += points(p, m.points) + " → " + money(m.amount);
      }
      parts.push_back(pick(lang, "メニューから選択: ", "Menu only: ") + items);
    } else {
      parts.push_back(points(p, p.rate.points) + " → " + money(p.rate.amount));
      if (p.step > 1)
        parts.push_back(pick(lang, points(p, p.step) + "単位", "in steps of " + points(p, p.step)));
      if (p.min > p.step)
        parts.push_back(pick(lang, "最低" + points(p, p.min), "at least " + points(p, p.min)));
      if (p.max_per_donation) {
        parts.push_back(pick(lang, "1回" + points(p, *p.max_per_donation) + "まで",
                             "at most " + points(p, *p.max_per_donation) + " per donation"));
      }
    }
    if (p.max_per_period) {
      parts.push_back(pick(lang, period(p.period) + points(p, *p.max_per_period) + "まで",
                           "at most " + points(p, *p.max_per_period) + " " + period(p.period)));
    }
    if (p.valid_from || p.valid_until) parts.push_back(dates(p));
    std::string out;
    for (const auto& s : parts) out += (out.empty() ? "" : pick(lang, "・", "; ")) + s;
    return out;
  }

  std::string dates(const PointProgram& p) const {
    const std::string from = p.valid_from ? format_date(*p.valid_from, lang) : "";
    const std::string until = p.valid_until ? format_date(*p.valid_until, lang) : "";
    if (!p.valid_until) return pick(lang, from + "から受付", "from " + from);
    if (!p.valid_from) return pick(lang, until + "まで受付", "until " + until);
    return pick(lang, from + "〜" + until + "に受付", "from " + from + " to " + until);
  }

  std::string detail(const PointProgram& p, const ForwardEstimate& e) const {
    switch (e.limit) {
      case Limit::not_open:
        return pick(lang, "このプログラムは今日は受け付けていません（" + dates(p) + "）",
                    "This program does not take donations today (" + dates(p) + ")");
      case Limit::below_min: {
        const std::int64_t least = p.is_menu() ? p.menu.front().points : p.min;
        return pick(lang, "寄付は" + points(p, least) + "からです",
                    "Donations start at " + points(p, least));
      }
      case Limit::period_cap:
        return pick(lang,
                    "上限は" + period(p.period) + points(p, *p.max_per_period) +
                        "です（この期間にまだ寄付していない場合）。" + points(p, e.leftover) +
                        "は残ります",
                    "The cap is " + points(p, *p.max_per_period) + " " + period(p.period) +
                        " (if you have not given yet this period); " + points(p, e.leftover) +
                        " stay in your account");
      case Limit::none:
        break;
    }
    std::vector<std::string> parts;
    if (e.leftover > 0) {
      parts.push_back(
          p.is_menu()
              ? pick(lang, points(p, e.leftover) + "は残ります",
                     points(p, e.leftover) + " stay in your account")
              : pick(lang, points(p, e.leftover) + "は残ります（" + points(p, p.step) + "単位）",
                     points(p, e.leftover) + " stay in your account (steps of " +
                         points(p, p.step) + ")"));
    }
    if (e.donations > 1) {
      parts.push_back(p.is_menu()
                          ? pick(lang, "メニュー" + format_count(e.donations) + "口に分けて寄付",
                                 "as " + format_count(e.donations) + " menu items")
                          : pick(lang,
                                 format_count(e.donations) + "回に分けて寄付（1回" +
                                     points(p, *p.max_per_donation) + "まで）",
                                 "in " + format_count(e.donations) + " donations (at most " +
                                     points(p, *p.max_per_donation) + " each)"));
    }
    std::string out;
    for (const auto& s : parts) out += (out.empty() ? "" : pick(lang, "。", "; ")) + s;
    return out;
  }

  std::string value_note(const PointProgram& p, std::int64_t n) const {
    if (!p.point_value || n == 0) return "";
    const std::int64_t worth =
        mul_div_floor(n, p.point_value->amount, p.point_value->points).value_or(0);
    // n*a mod p == (n mod p)*a mod p, which fits in 64 bits (both under 10^9).
    const bool exact =
        (n % p.point_value->points) * p.point_value->amount % p.point_value->points == 0;
    return pick(lang,
                "この" + points(p, n) + "は、ほかに使うと" + std::string(exact ? "" : "約") +
                    money(worth) + "分の価値です",
                "Used elsewhere, these " + points(p, n) + " are worth " + (exact ? "" : "about ") +
                    money(worth));
  }

  std::string option(const PointProgram& p, const Option& o) const {
    return points(p, o.points) + " → " + money(o.amount);
  }

  std::string needed(const PointProgram& p, std::int64_t target) const {
    const InverseEstimate inv = estimate_inverse(p, target);
    const std::string t = money(target);
    if (inv.too_large)
      return pick(lang, t + "は大きすぎて計算できません", t + " is too large to work out here");
    if (inv.exact)
      return pick(lang, t + "には" + points(p, inv.above->points),
                  t + " needs " + points(p, inv.above->points));
    std::string out = pick(lang, "ちょうど" + t + "にはなりません", "Cannot give exactly " + t);
    if (inv.below) out += pick(lang, "。少なめ: ", ". Below: ") + option(p, *inv.below);
    if (inv.above) out += pick(lang, "。多め: ", ". Above: ") + option(p, *inv.above);
    if (inv.beyond_cap) out += pick(lang, "。上限を超えます", ". Beyond the cap");
    return out;
  }

  std::string mix(const std::vector<const PointProgram*>& ps, const Mix& m) const {
    std::string out;
    for (std::size_t i = 0; i < ps.size(); ++i) {
      if (m.points[i] == 0) continue;
      if (!out.empty()) out += " + ";
      out += ps[i]->name.in(lang) + " " + points(*ps[i], m.points[i]);
    }
    return out + " = " + money(m.amount);
  }
};

// Percent with four decimals, truncated: a ¥15,000 gift to a ¥1.1 billion
// goal is 0.0013%, which a one-decimal figure would round to nothing.
std::string share_percent(std::int64_t gift, std::int64_t goal) {
  const std::int64_t millionths = mul_div_floor(gift, 1'000'000, goal).value_or(0);
  std::string frac = std::to_string(millionths % 10'000);
  frac.insert(0, 4 - frac.size(), '0');
  return format_count(millionths / 10'000) + "." + frac + "%";
}

// What the visitor typed, as typed: empty is allowed (an empty field).
std::optional<std::string> typed(detail::FieldReader& r, std::string_view key) {
  const json* v = r.member(key, false);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) {
    r.diagnostics().error(r.at(key),
                          "must be the text typed into the field, got " + detail::describe(*v));
    return std::nullopt;
  }
  if (v->get_ref<const std::string&>().size() > 200) {
    r.diagnostics().error(r.at(key), "is longer than the 200 bytes a field may hold");
    return std::nullopt;
  }
  return v->get<std::string>();
}

EstimateView failed(std::string source, std::vector<Diagnostic> errors) {
  EstimateView v;
  v.error_source = std::move(source);
  v.errors = std::move(errors);
  return v;
}

}  // namespace

EstimateView render_estimate(const EstimateRequest& req) {
  auto lang_opt = parse_lang(req.lang);
  if (!lang_opt) return failed("request", {{"/lang", "must be \"ja\" or \"en\""}});
  if (!std::isfinite(req.now_unix_ms) || std::fabs(req.now_unix_ms) > 2.5e14) {
    return failed("request",
                  {{"/now_unix_ms", "must be a finite time in milliseconds since 1970"}});
  }
  const auto now = static_cast<std::int64_t>(std::floor(req.now_unix_ms / 1000.0));
  const Lang lang = *lang_opt;
  auto campaign = parse_campaign(req.campaign_json);
  if (!campaign.ok()) return failed("campaign", campaign.diagnostics.errors);
  const Campaign& c = *campaign.value;
  const EstimatorSettings& s = *c.estimator;
  std::optional<Feed> feed;
  if (!req.feed_json.empty()) {
    auto parsed = parse_feed(req.feed_json, c);
    if (!parsed.ok()) return failed("feed", parsed.diagnostics.errors);
    feed = *parsed.value;
  }

  // The inputs: {"balances": {id: text}, "target": text}, texts as typed.
  Diagnostics d;
  auto doc = detail::parse_document(req.inputs_json, d);
  if (!doc) return failed("inputs", d.errors);
  detail::FieldReader in(*doc, "", d);
  std::vector<std::string> balance_text(s.programs.size());
  if (const json* b = in.member("balances", false)) {
    detail::FieldReader br(*b, "/balances", d);
    for (std::size_t i = 0; br.is_object() && i < s.programs.size(); ++i) {
      if (auto t = typed(br, s.programs[i].id)) balance_text[i] = *t;
    }
    if (br.is_object()) {
      for (const auto& [key, value] : b->items()) {
        bool known = false;
        for (const auto& p : s.programs) known = known || p.id == key;
        if (!known) d.error(br.at(key), "no program " + quote_excerpt(key) + " in this campaign");
      }
    }
  }
  auto target_text = typed(in, "target");
  if (!d.ok()) return failed("inputs", d.errors);

  const Writer w{c, lang};
  const Date today = local_date(now, c.time_zone);
  EstimateView v;
  v.ok = true;

  std::optional<std::int64_t> target;
  if (target_text) {
    const AmountInput t = parse_amount_input(*target_text, InputKind::amount, lang);
    v.target_error = t.error;
    target = t.value;
  }

  std::int64_t total = 0;
  bool any_points = false;
  std::vector<SearchProgram> search;
  std::vector<const PointProgram*> searched;
  for (std::size_t i = 0; i < s.programs.size(); ++i) {
    const PointProgram& p = s.programs[i];
    const bool open = program_open_on(p, today);
    ProgramLine line;
    line.id = p.id;
    line.name = p.name.in(lang);
    line.unit = p.unit.in(lang);
    line.rule = w.rule(p);
    line.limit = "none";
    const AmountInput in_balance =
        balance_text[i].empty() ? AmountInput{true, std::nullopt, "", ""}
                                : parse_amount_input(balance_text[i], InputKind::points, lang);
    line.input_error = in_balance.error;
    if (in_balance.value) {
      const ForwardEstimate e = estimate_forward(p, *in_balance.value, open);
      line.has_balance = true;
      line.result = w.points(p, e.balance) + " → " + w.money(e.amount);
      line.detail = w.detail(p, e);
      static constexpr const char* limits[] = {"none", "below_min", "period_cap", "not_open"};
      line.limit = limits[static_cast<int>(e.limit)];
      line.value_note = w.value_note(p, e.points);
      total += e.amount;  // at most 8 programs * 10^12 * 10^9 / 1: fits
      any_points = any_points || e.points > 0;
      if (open) {
        search.push_back(search_program(p, *in_balance.value));
        searched.push_back(&p);
      }
    }
    if (target && open) line.needed = w.needed(p, *target);
    v.programs.push_back(std::move(line));
  }

  if (target && !search.empty()) {
    const SearchOutcome o = cheapest_mix(search, *target);
    const std::string t = w.money(*target);
    if (o.status == SearchStatus::too_large) {
      v.mix = pick(lang,
                   t + "の組み合わせは大きすぎて探せません（プログラムごとの計算は上のとおりです）",
                   "Too large to search for the best mix for " + t +
                       " (each program's figures above are exact)");
    } else if (o.status == SearchStatus::nothing) {
      v.mix =
          pick(lang, "お持ちのポイントでは" + t + "に届きません", "Your balances cannot make " + t);
    } else if (o.exact) {
      v.mix =
          pick(lang, t + "にいちばん少ないポイント価値で: ", "Cheapest way to give " + t + ": ") +
          w.mix(searched, *o.exact);
    } else {
      v.mix =
          pick(lang, "ちょうど" + t + "にはできません", "Your balances cannot make exactly " + t);
      if (o.below) v.mix += pick(lang, "。少なめ: ", ". Below: ") + w.mix(searched, *o.below);
      if (o.above) v.mix += pick(lang, "。多め: ", ". Above: ") + w.mix(searched, *o.above);
    }
  }

  if (total > 0) {
    v.total = pick(lang, "寄付額の合計 " + w.money(total), "Your gift: " + w.money(total));
    std::int64_t matched = 0;
    if (s.matching) {
      matched = matched_amount(*s.matching, total, today, "points");
      if (matched > 0) {
        v.matched = pick(lang,
                         s.matching->sponsor.ja + "が" + w.money(matched) + "を上乗せします（" +
                             std::to_string(s.matching->percent) + "%、上限" +
                             w.money(s.matching->cap_per_donor) + "）",
                         s.matching->sponsor.en + " adds " + w.money(matched) + " (" +
                             std::to_string(s.matching->percent) + "%, up to " +
                             w.money(s.matching->cap_per_donor) + ")");
      }
    }
    const std::int64_t with_match = total + matched;
    std::string impact;
    for (const ImpactUnit& u : s.impact_units) {
      const std::string text = impact_text(u, with_match, lang);
      if (text.empty()) continue;
      impact += (impact.empty() ? "" : pick(lang, "、", ", ")) + text;
    }
    if (!impact.empty()) v.impact = pick(lang, "あなたの寄付 ≈ ", "Your gift ≈ ") + impact;
    if (feed) {
      const Progress before = compute_progress(c, *feed, now);
      Feed after_feed = *feed;
      after_feed.raised = checked_add(feed->raised, with_match).value_or(INT64_MAX);
      const Progress after = compute_progress(c, after_feed, now);
      v.effect = pick(lang, "目標の" + share_percent(with_match, c.goal) + "を進めます",
                      "Moves the bar " + share_percent(with_match, c.goal) + " of the goal");
      if (before.next_milestone) {
        const Milestone& m = c.milestones[*before.next_milestone];
        if (after.next_milestone == before.next_milestone) {
          v.effect +=
              pick(lang,
                   "。そのあと次の節目「" + m.label.ja + "」まであと" +
                       format_amount_compact(after.to_next_milestone, c.currency, lang),
                   "; then " + format_amount_compact(after.to_next_milestone, c.currency, lang) +
                       " to the next milestone, " + m.label.en);
        } else {
          v.effect += pick(lang, "。節目「" + m.label.ja + "」に届きます",
                           "; it reaches the milestone " + m.label.en);
        }
      }
    }
    if (any_points && s.tax_note) v.tax_note = s.tax_note->in(lang);
    v.announcement = v.total + (v.matched.empty() ? "" : pick(lang, "、", "; ") + v.matched);
  }
  return v;
}

}  // namespace kifu
