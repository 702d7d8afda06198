// Where the crawler finds the program it runs as its fetcher and parser processes.
#pragma once

#include <string>

#include "arachne/status.h"

namespace arachne {

// The first of: `configured` (Config::worker_executable), $ARACHNE_WORKER, `arachne-worker` beside the
// running program, ../libexec/arachne-worker from the folder of libarachne.so, the configured install
// path <libexecdir>/arachne-worker. A NotFound status lists what was tried.
Result<std::string> ResolveWorkerExecutable(const std::string& configured);

}  // namespace arachne
