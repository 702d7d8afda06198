// The parser process: takes ParseJobs from the shared parse queue, extracts the page's record fields and
// links with Gumbo, keeps the links the scope allows, and sends the result to the coordinator.
#pragma once

#include "arachne/config.h"
#include "common/unique_fd.h"
#include "ipc/channel.h"

namespace arachne {

// Runs until the coordinator sends Shutdown or closes the control channel; returns the exit status.
// `claim`: the descriptor of the slot's ParseClaim (ipc/parse_claim.h).
int RunParserProcess(const Config& config, bool send_pages, Channel control, UniqueFd parse_queue, UniqueFd claim);

}  // namespace arachne
