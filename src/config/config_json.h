// The crawl's Config as JSON: how the coordinator hands its settings to each child in the Hello message,
// and how a job folder remembers the settings of its last run.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "arachne/config.h"
#include "arachne/status.h"

namespace arachne {

std::string ConfigToJson(const Config& config);
Result<Config> ConfigFromJson(std::string_view json);

// The seed-file keys ("seeds", "scope.allow" ...) whose values differ between two ConfigToJson texts, in
// the seed file's order; the job folder and the worker executable are not settings of the crawl and are
// left out. Text that is not such JSON differs in nothing.
std::vector<std::string> ConfigDifferences(std::string_view before, std::string_view after);

}  // namespace arachne
