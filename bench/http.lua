-- http.lua - wrk script: cycle through a fixed list of queries, top 10.
--
--   wrk -t2 -c32 -d10s --latency -s bench/http.lua URL -- QUERIES ENGINE
--
-- QUERIES is a file with one query per line (bench/queries.txt). ENGINE is
--   fagui           GET /api/search?q=Q&limit=10
--   fagui-nofacets  the same with &facets=0 (no facet counting, like Groonga's select without drilldown)
--   groonga         GET /d/select?table=Articles&match_columns=title*2||text&query=Q
--                       &limit=10&output_columns=_key,_score            (match order)
--   groonga-ranked  the same with &sort_keys=-_score                     (top 10 by score)
-- Each wrk thread starts at a different offset of the list.

local queries = {}
local templates = {
	["fagui"] = "/api/search?limit=10&q=",
	["fagui-nofacets"] = "/api/search?limit=10&facets=0&q=",
	["groonga"] = "/d/select?table=Articles&match_columns=title*2%7C%7Ctext&limit=10" ..
		"&output_columns=_key,_score&query=",
	["groonga-ranked"] = "/d/select?table=Articles&match_columns=title*2%7C%7Ctext&limit=10" ..
		"&output_columns=_key,_score&sort_keys=-_score&query=",
}
local template = nil
local paths = {}
local pos = 1
local nthreads = 0

local function urlencode(s)
	return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function setup(thread)
	nthreads = nthreads + 1
	thread:set("thread_no", nthreads)
end

function init(args)
	local file, engine = args[1], args[2]
	template = templates[engine or ""]
	if not file or not template then
		io.stderr:write("http.lua: usage: -- QUERIES fagui|fagui-nofacets|groonga|groonga-ranked\n")
		os.exit(2)
	end
	local f = io.open(file, "r")
	if not f then
		io.stderr:write("http.lua: cannot open " .. file .. "\n")
		os.exit(2)
	end
	for line in f:lines() do
		line = line:gsub("^%s+", ""):gsub("%s+$", "")
		if line ~= "" and line:sub(1, 1) ~= "#" then
			queries[#queries + 1] = line
		end
	end
	f:close()
	for i, q in ipairs(queries) do
		paths[i] = template .. urlencode(q)
	end
	local no = thread_no or 1
	pos = ((no - 1) * 97) % #paths + 1
end

function request()
	local p = paths[pos]
	pos = pos % #paths + 1
	return wrk.format("GET", p)
end
