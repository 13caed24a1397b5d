/*
 * fagui.h - the one header the programs (indexer/, searchd/, tools/)
 * include: the core's public API, layer by layer (base, text, documents,
 * the build, search, the work tools). The Xapian binding (lib/store/xap.h)
 * and the core's internal headers are not part of it.
 */
#ifndef FAGUI_H
#define FAGUI_H

#include "base.h"
#include "text.h"
#include "doc.h"
#include "calendar.h"
#include "json.h"
#include "keywords.h"
#include "build.h"
#include "search.h"
#include "conflict.h"
#include "similar.h"
#include "versions.h"
#include "catalogue_list.h"
#include "changes.h"
#include "cite.h"
#include "cleanup.h"
#include "citecheck.h"
#include "impact.h"

#define FAGUI_VERSION "0.1.0"

#endif
