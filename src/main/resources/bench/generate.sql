-- The benchmark's data: ${users} users and ${posts} posts (100,000 and 1,000,000 by default), set-based.
-- Run on an empty PostDesk schema (BenchData migrates to V2 first, loads this, then applies the
-- later migrations, so the index builds run once on full tables, as for a user who adopts a big blog).
-- ${users}, ${posts}, ${prolific} and ${sentences} are replaced by BenchData before it runs.
--
-- Realistic enough for the planner: titles of 20-80 characters, content of 200-2,000
-- characters of words with a Zipf-like distribution (a few words everywhere, a long tail of
-- rare ones), 60% published, created over the three years before 1 November 2026 (2% of the
-- posts share a midnight timestamp, as after an import), a quarter edited later, authors
-- skewed (a few write most posts; the first user has exactly ${prolific} posts (5,000 at full size)).
-- Marker texts for the measurements: "quokkafest" is in 31 posts and "marmoset" in 301 (the
-- generated words are each in at least about 1,000), "50%_off" is in 5 titles next to decoys
-- "50% off" and "50_off".
-- Statements end with ";" at the end of a line: BenchData runs them one by one.

SELECT setseed(0.20261101);

-- The vocabulary: about 520 common English words first (drawn most often), then 30,000
-- made-up words (the long tail).
CREATE FUNCTION pg_temp.syllable(n bigint) RETURNS text LANGUAGE sql IMMUTABLE AS
'SELECT replace((string_to_array(''-,b,br,bl,c,ch,cl,cr,d,dr,f,fl,fr,g,gl,gr,h,j,k,l,m,n,p,pl,pr,qu,r,s,sc,sh,sk,sl,sm,sn,sp,st,str,sw,t,th,tr,v,w,wh,y,z'', '',''))[1 + n % 46]
     || (string_to_array(''a,e,i,o,u,ai,ea,ee,oo,ou,y,ie'', '',''))[1 + (n / 46) % 12]
     || (string_to_array(''-,b,ck,d,ft,g,l,ld,m,mp,n,nd,ng,nk,nt,p,r,rd,rk,rn,s,sh,ss,st,t,th,x'', '',''))[1 + (n / 552) % 27], ''-'', '''')';
CREATE TEMP TABLE bench_words AS
SELECT row_number() OVER () AS n, word
FROM (
    SELECT word FROM unnest(string_to_array(
        'the of and to a in is it you that he was for on are with as his they be at one have this from or had by '
        'not word but what some we can out other were all there when up use your how said an each she which do '
        'their time if will way about many then them write would like so these her long make thing see him two '
        'has look more day could go come did number sound no most people my over know water than call first who '
        'may down side been now find any new work part take get place made live where after back little only '
        'round man year came show every good me give our under name very through just form sentence great think '
        'say help low line differ turn cause much mean before move right boy old too same tell does set three '
        'want air well also play small end put home read hand port large spell add even land here must big high '
        'such follow act why ask men change went light kind off need house picture try us again animal point '
        'mother world near build self earth father head stand own page should country found answer school grow '
        'study still learn plant cover food sun four between state keep eye never last let thought city tree '
        'cross farm hard start might story saw far sea draw left late run while press close night real life few '
        'north open seem together next white children begin got walk example ease paper group always music '
        'those both mark often letter until mile river car feet care second book carry took science eat room '
        'friend began idea fish mountain stop once base hear horse cut sure watch color face wood main enough '
        'plain girl usual young ready above ever red list though feel talk bird soon body dog family direct '
        'pose leave song measure door product black short numeral class wind question happen complete ship area '
        'half rock order fire south problem piece told knew pass since top whole king space heard best hour '
        'better true during hundred five remember step early hold west ground interest reach fast verb sing '
        'listen six table travel less morning ten simple several vowel toward war lay against pattern slow '
        'center love person money serve appear road map rain rule govern pull cold notice voice unit power town '
        'fine certain fly fall lead cry dark machine note wait plan figure star box noun field rest correct able '
        'pound done beauty drive stood contain front teach week final gave green quick develop ocean warm free '
        'minute strong special mind behind clear tail produce fact street inch multiply nothing course stay '
        'wheel full force blue object decide surface deep moon island foot system busy test record boat common '
        'gold possible plane dry wonder laugh thousand ago ran check game shape hot miss brought heat snow tire '
        'bring yes distant fill east paint language among database index query postgres server backup release '
        'garden coffee bread winter summer autumn spring office meeting editor draft review', ' ')) AS word
    UNION ALL
    -- Two syllables each, from English-like onsets, vowels and codas: the letter triples
    -- (what trigram indexes store) are about as varied and as skewed as in real text.
    SELECT pg_temp.syllable(i::bigint * 7919) || pg_temp.syllable(i::bigint * 104729 + 13)
    FROM generate_series(0, 29999) i
) words;
CREATE UNIQUE INDEX ON bench_words (n);
ANALYZE bench_words;

-- ${sentences} sentences (200,000 at full size) of 4 to 18 words; word k is drawn with probability falling like k^(-7/8).
-- (The "+ 0 * g" ties each draw to its row, so random() runs once per word, not once per query.)
CREATE TEMP TABLE bench_sentences AS
SELECT s AS n,
       (SELECT string_agg(w.word, ' ')
        FROM generate_series(1, 4 + s % 15) g
        CROSS JOIN LATERAL (SELECT 1 + floor(30450 * power(random(), 8))::int + 0 * g AS k OFFSET 0) pick
        JOIN bench_words w ON w.n = pick.k) AS text
FROM generate_series(1, ${sentences}) s;
CREATE UNIQUE INDEX ON bench_sentences (n);
ANALYZE bench_sentences;

INSERT INTO users (id, username, email, password_hash, created_at, updated_at)
SELECT md5('bench-user-' || i)::uuid,
       CASE WHEN i = 1 THEN 'prolific_writer' ELSE name || '_' || i END,
       CASE WHEN i = 1 THEN 'prolific@example.org' ELSE lower(name) || '.' || i || '@example.org' END,
       '$argon2id$v=19$m=19456,t=2,p=1$YmVuY2htYXJrc2FsdA$bm90LWEtcmVhbC1oYXNoLWp1c3QtZm9yLWJlbmNo',
       created, created + CASE WHEN i % 3 = 0 THEN random() * interval '300 days' ELSE interval '0' END
FROM (
    SELECT i,
           (string_to_array('alice bob carol dave erin frank grace heidi ivan judy mallory niaj olivia peggy '
               'rupert sybil trent victor walter yara zoe amir bea chen dmitri elif fatima goran hana ines '
               'José Zoë Björn Łukasz Ольга Дмитрий Søren Chloé Ahmed Mei', ' '))[1 + i % 40] AS name,
           timestamptz '2023-11-01' - random() * interval '365 days' AS created
    FROM generate_series(1, ${users}) i
) u;

CREATE TEMP TABLE bench_plan AS
SELECT i,
       CASE WHEN i <= ${prolific} THEN 1 ELSE 2 + floor((${users} - 2) * power(random(), 2))::int END AS author,
       20 + floor(random() * 61)::int AS title_length,
       200 + floor(random() * 1801)::int AS content_length,
       random() < 0.6 AS published,
       CASE WHEN i % 50 = 0
            THEN date_trunc('day', timestamptz '2026-11-01' - random() * interval '1095 days')
            ELSE timestamptz '2026-11-01' - random() * interval '1095 days' END AS created,
       CASE WHEN random() < 0.25 THEN random() * interval '30 days' ELSE interval '0' END AS edited_after
FROM generate_series(1, ${posts}) i;

INSERT INTO posts (id, user_id, title, content, published, created_at, updated_at)
SELECT gen_random_uuid(),
       md5('bench-user-' || p.author)::uuid,
       CASE WHEN p.i % 200000 = 17 THEN '50%_off ' WHEN p.i % 200000 = 18 THEN '50% off '
            WHEN p.i % 200000 = 19 THEN '50_off ' ELSE '' END
           || (SELECT upper(left(t, 1)) || substr(t, 2)
               FROM (SELECT rtrim(left(string_agg(s.text, ' '), p.title_length)) AS t
                     FROM generate_series(1, 2) g
                     CROSS JOIN LATERAL (SELECT 1 + floor(${sentences} * random())::int + 0 * g + 0 * p.i AS k OFFSET 0) pick
                     JOIN bench_sentences s ON s.n = pick.k) title),
       (SELECT upper(left(t, 1)) || substr(t, 2) || '.'
        FROM (SELECT left(string_agg(s.text, '. '), p.content_length - 1) AS t
              FROM generate_series(1, p.content_length / 50 + 3) g
              CROSS JOIN LATERAL (SELECT 1 + floor(${sentences} * random())::int + 0 * g AS k OFFSET 0) pick
              JOIN bench_sentences s ON s.n = pick.k) content)
           || CASE WHEN p.i % 33331 = 5 THEN ' Quokkafest tickets are on sale.' ELSE '' END
           || CASE WHEN p.i % 3331 = 7 THEN ' Marmosets were seen in the garden.' ELSE '' END,
       p.published,
       p.created,
       least(p.created + p.edited_after, timestamptz '2026-11-01')
FROM bench_plan p;

DROP TABLE bench_plan;
DROP TABLE bench_sentences;
DROP TABLE bench_words;
