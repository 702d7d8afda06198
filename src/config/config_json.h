// The crawl's Config as JSON: how the coordinator hands its settings to each child in the Hello message.
#pragma once

#include <string>
#include <string_view>

#include "arachne/config.h"
#include "arachne/status.h"

namespace arachne {

std::string ConfigToJson(const Config& config);
Result<Config> ConfigFromJson(std::string_view json);

}  // namespace arachne
