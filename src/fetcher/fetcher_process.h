// The fetcher process: takes Fetch messages from the coordinator, runs them through HttpClient on one
// Asio event loop, reports every outcome (FetchDone) and hands HTML bodies to the parse queue.
#pragma once

#include "arachne/config.h"
#include "common/unique_fd.h"
#include "ipc/channel.h"

namespace arachne {

// Runs until the coordinator sends Shutdown or closes the control channel; returns the exit status.
int RunFetcherProcess(const Config& config, Channel control, UniqueFd parse_queue);

}  // namespace arachne
