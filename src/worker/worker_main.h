// The entry point of fetcher and parser processes.
//
// The coordinator starts a worker as `<executable> --arachne-worker <fetcher|parser> <index>` with its
// control channel on descriptor 3, its end of the parse queue on descriptor 4 and, a parser, its ParseClaim
// on descriptor 5 (see Supervisor). Both the `arachne` command line and `arachne-worker` (the library's)
// call RunWorker when they see that flag.
#pragma once

namespace arachne {

inline constexpr const char* kWorkerFlag = "--arachne-worker";

bool IsWorkerInvocation(int argc, char** argv);
int RunWorker(int argc, char** argv);

}  // namespace arachne
