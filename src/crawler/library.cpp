// libarachne.so is made of the static components (linked whole); this file only gives the target a source.
#include "arachne/crawler.h"
