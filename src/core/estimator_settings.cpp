#include "estimator_settings.hpp"

#include "estimator_fields.hpp"

namespace kifu {

std::shared_ptr<const EstimatorSettings> read_estimator_settings(detail::FieldReader& campaign,
                                                                 const Currency* currency) {
  auto s = std::make_shared<EstimatorSettings>();
  s->programs = read_point_programs(campaign, currency);
  s->matching = read_matching(campaign, currency);
  s->impact_units = read_impact_units(campaign, currency);
  s->tax_note = detail::localized_field(campaign, "tax_note", false, 1000);
  return s;
}

}  // namespace kifu
