<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>Access</name>
    <message>
        <source>this user may not write the file %1 (or its folder)</source>
        <translation>cet utilisateur ne peut pas écrire le fichier %1 (ou son dossier)</translation>
    </message>
    <message>
        <source>the PostgreSQL server accepts no writes (a read-only server or standby)</source>
        <translation>le serveur PostgreSQL n’accepte aucune écriture (serveur en lecture seule ou de secours)</translation>
    </message>
    <message>
        <source>the database user &quot;%1&quot; may only read (no write grant on %2)</source>
        <translation>l’utilisateur de base « %1 » peut seulement lire (aucun droit d’écriture sur %2)</translation>
    </message>
</context>
<context>
    <name>AgreementsDialog</name>
    <message>
        <source>Collateral agreements</source>
        <translation>Contrats de collatéral</translation>
    </message>
    <message>
        <source>Agreements</source>
        <translation>Contrats</translation>
    </message>
    <message>
        <source>The desk&apos;s agreements (read only; import-agreements, import-eligibility and import-costs change them). Choose one to see its eligibility schedule: exclusions win over inclusions, and the largest haircut of the matching inclusions applies.</source>
        <translation>Les contrats du desk (en lecture seule ; import-agreements, import-eligibility et import-costs les modifient). Choisissez-en un pour voir son barème d’éligibilité : les exclusions l’emportent sur les inclusions, et la plus forte décote des inclusions applicables s’applique.</translation>
    </message>
    <message>
        <source>The agreements could not be read: %1</source>
        <translation>Les contrats n’ont pas pu être lus : %1</translation>
    </message>
    <message>
        <source>The desk has no collateral agreement yet: import one with findesk import-agreements and its schedule with import-eligibility.</source>
        <translation>Le desk n’a encore aucun contrat de collatéral : importez-en un avec findesk import-agreements et son barème avec import-eligibility.</translation>
    </message>
    <message>
        <source>Reading the agreements…</source>
        <translation>Lecture des contrats…</translation>
    </message>
    <message>
        <source>%1 eligibility</source>
        <translation>éligibilité %1</translation>
    </message>
    <message>
        <source>%1 with %2, %3 in %4</source>
        <translation>%1 avec %2, %3 en %4</translation>
    </message>
    <message>
        <source>FX haircut %1</source>
        <translation>décote de change %1</translation>
    </message>
    <message>
        <source>the desk&apos;s FX haircut</source>
        <translation>la décote de change du desk</translation>
    </message>
    <message>
        <source>at most %1 of the eligible total from one issuer</source>
        <translation>au plus %1 du total éligible par émetteur</translation>
    </message>
    <message>
        <source>no issuer limit</source>
        <translation>pas de limite par émetteur</translation>
    </message>
    <message>
        <source>never the paper of %1</source>
        <translation>jamais les titres de %1</translation>
    </message>
    <message>
        <source>No eligibility rule: nothing is eligible under %1.</source>
        <translation>Aucune règle d’éligibilité : rien n’est éligible sous %1.</translation>
    </message>
    <message>
        <source>Rule %1: %2</source>
        <translation>Règle %1 : %2</translation>
    </message>
    <message numerus="yes">
        <source>… and %Ln more rule(s): hover a rule to read it.</source>
        <translation>
            <numerusform>… et %Ln autre règle : survolez une règle pour la lire.</numerusform>
            <numerusform>… et %Ln autres règles : survolez une règle pour la lire.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AllocationPanel</name>
    <message>
        <source>e.g. 250m</source>
        <translation>ex. 250m</translation>
    </message>
    <message>
        <source>The amount to cover, in the agreement&apos;s currency: 250000000, 250m, 1.5bn</source>
        <translation>Le montant à couvrir, dans la devise du contrat : 250000000, 250m, 1.5bn</translation>
    </message>
    <message>
        <source>Amount to &amp;cover:</source>
        <translation>Montant à &amp;couvrir :</translation>
    </message>
    <message>
        <source>Choose an agreement to see what to deliver under it.</source>
        <translation>Choisissez un contrat pour voir quoi livrer sous celui-ci.</translation>
    </message>
    <message>
        <source>Reading the cost rates of %1…</source>
        <translation>Lecture des coûts du %1…</translation>
    </message>
    <message>
        <source>Type the amount to cover in %1: the cheapest items to deliver come first.</source>
        <translation>Saisissez le montant à couvrir en %1 : les titres les moins chers à livrer viennent d’abord.</translation>
    </message>
    <message>
        <source>%1 allocation %2 %3</source>
        <translation>%1 allocation %2 %3</translation>
    </message>
    <message numerus="yes">
        <source>%Ln line(s) deliver %1 %2 of collateral value for %3 %2 asked; annual cost %4 %2</source>
        <translation>
            <numerusform>%Ln ligne livre %1 %2 de valeur de collatéral pour %3 %2 demandés ; coût annuel %4 %2</numerusform>
            <numerusform>%Ln lignes livrent %1 %2 de valeur de collatéral pour %3 %2 demandés ; coût annuel %4 %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (%Ln line(s) without a cost rate)</source>
        <translation>
            <numerusform> (%Ln ligne sans coût)</numerusform>
            <numerusform> (%Ln lignes sans coût)</numerusform>
        </translation>
    </message>
    <message>
        <source>shortfall %1 %2: the eligible items of %3 under %4 run out first</source>
        <translation>manque %1 %2 : les titres éligibles de %3 sous %4 s’épuisent avant</translation>
    </message>
    <message>
        <source>shortfall %1 %2: the eligible items of %3 under %4 run out first (the issuer limit holds back %5 %2 of them)</source>
        <translation>manque %1 %2 : les titres éligibles de %3 sous %4 s’épuisent avant (la limite par émetteur en retient %5 %2)</translation>
    </message>
</context>
<context>
    <name>BatchCommands</name>
    <message>
        <source>Book id.</source>
        <translation>Identifiant du portefeuille.</translation>
    </message>
    <message>
        <source>Output format: %1.</source>
        <translation>Format de sortie : %1.</translation>
    </message>
    <message>
        <source>Write to FILE instead of standard output.</source>
        <translation>Écrire dans FICHIER au lieu de la sortie standard.</translation>
    </message>
    <message>
        <source>CSV separator: , (default) or ; for comma-decimal spreadsheets.</source>
        <translation>Séparateur CSV : , (par défaut) ou ; pour les tableurs à virgule décimale.</translation>
    </message>
    <message>
        <source>Start CSV output with a UTF-8 byte order mark.</source>
        <translation>Commencer la sortie CSV par une marque d’ordre d’octets UTF-8.</translation>
    </message>
    <message>
        <source>--%1 is required</source>
        <translation>--%1 est obligatoire</translation>
    </message>
    <message>
        <source>unknown book &quot;%1&quot;</source>
        <translation>portefeuille inconnu « %1 »</translation>
    </message>
    <message>
        <source>--separator: expected , or ;, got &quot;%1&quot;</source>
        <translation>--separator : , ou ; attendu, « %1 » reçu</translation>
    </message>
    <message numerus="yes">
        <source>%n book(s) could not be snapshotted</source>
        <translation>
            <numerusform>la photo de %n portefeuille n’a pas pu être enregistrée</numerusform>
            <numerusform>les photos de %n portefeuilles n’ont pas pu être enregistrées</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: the snapshot could not be stored: %2</source>
        <translation>%1 : la photo n’a pas pu être enregistrée : %2</translation>
    </message>
    <message numerus="yes">
        <source>wrote %n row(s) to %1</source>
        <translation>
            <numerusform>%n ligne écrite dans %1</numerusform>
            <numerusform>%n lignes écrites dans %1</numerusform>
        </translation>
    </message>
    <message>
        <source>--format xlsx writes a file: give it with --output FILE</source>
        <translation>--format xlsx écrit un fichier : indiquez-le avec --output FICHIER</translation>
    </message>
    <message>
        <source>--timezone: &quot;%1&quot; is not an IANA time zone like Europe/London or America/New_York</source>
        <translation>--timezone : « %1 » n’est pas un fuseau IANA comme Europe/London ou America/New_York</translation>
    </message>
    <message>
        <source>expected one FILE</source>
        <translation>un FICHIER attendu</translation>
    </message>
    <message>
        <source>%1: imported %2 trade(s); %3 already stored, %4 repeated in the file</source>
        <translation>%1 : %2 opération(s) importée(s) ; %3 déjà enregistrée(s), %4 répétée(s) dans le fichier</translation>
    </message>
    <message>
        <source>%1: %2 new instrument(s), %3 updated</source>
        <translation>%1 : %2 nouvel(s) instrument(s), %3 mis à jour</translation>
    </message>
    <message>
        <source>%1: %2 new price(s), %3 updated</source>
        <translation>%1 : %2 nouveau(x) prix, %3 mis à jour</translation>
    </message>
    <message>
        <source>%1: %2 new haircut override(s), %3 updated; rankings already built keep their haircuts until rebuilt</source>
        <translation>%1 : %2 nouvelle(s) décote(s) spécifique(s), %3 mise(s) à jour ; les classements déjà construits gardent leurs décotes jusqu’à leur reconstruction</translation>
    </message>
    <message>
        <source>%1: the desk&apos;s haircut schedule now has %2 rule(s); rankings already built keep their haircuts until rebuilt</source>
        <translation>%1 : le barème de décotes du desk compte maintenant %2 règle(s) ; les classements déjà construits gardent leurs décotes jusqu’à leur reconstruction</translation>
    </message>
    <message>
        <source>no book has a trade at or before %1: nothing to snapshot</source>
        <translation>aucun portefeuille n’a d’opération à %1 ou avant : rien à photographier</translation>
    </message>
    <message>
        <source>%1 %2: collateral ranking rebuilt (%3 ranked, %4 not eligible)</source>
        <translation>%1 %2 : classement du collatéral reconstruit (%3 classés, %4 non éligibles)</translation>
    </message>
    <message>
        <source>no end-of-day snapshot of %1 on %2</source>
        <translation>aucune photo de fin de journée de %1 le %2</translation>
    </message>
    <message>
        <source>no end-of-day snapshot of %1 on %2, so no ranking</source>
        <translation>aucune photo de fin de journée de %1 le %2, donc pas de classement</translation>
    </message>
    <message>
        <source>try: findesk --db %1 ranking --book EGB-PAR --date %2</source>
        <translation>essayez : findesk --db %1 ranking --book EGB-PAR --date %2</translation>
    </message>
    <message>
        <source>Desk time zone (IANA name; default: the system&apos;s).</source>
        <translation>Fuseau horaire du desk (nom IANA ; par défaut celui du système).</translation>
    </message>
    <message>
        <source>Import a trades CSV, all or nothing.</source>
        <translation>Importer un CSV d’opérations, tout ou rien.</translation>
    </message>
    <message>
        <source>trade_id,book_id,instrument_id,quantity,price,trade_time</source>
        <translation>trade_id,book_id,instrument_id,quantity,price,trade_time</translation>
    </message>
    <message>
        <source>Import instrument reference data, all or nothing.</source>
        <translation>Importer le référentiel des instruments, tout ou rien.</translation>
    </message>
    <message>
        <source>instrument_id,name,asset_class,issuer_type,rating,currency,maturity_date,main_index</source>
        <translation>instrument_id,name,asset_class,issuer_type,rating,currency,maturity_date,main_index</translation>
    </message>
    <message>
        <source>Import market prices, all or nothing.</source>
        <translation>Importer des prix de marché, tout ou rien.</translation>
    </message>
    <message>
        <source>instrument_id,business_date,price</source>
        <translation>instrument_id,business_date,price</translation>
    </message>
    <message>
        <source>Import per-instrument haircut overrides, all or nothing.</source>
        <translation>Importer des décotes spécifiques par instrument, tout ou rien.</translation>
    </message>
    <message>
        <source>instrument_id,haircut (a fraction: 0.05 = 5%)</source>
        <translation>instrument_id,haircut (une fraction : 0.05 = 5 %)</translation>
    </message>
    <message>
        <source>Replace the desk&apos;s haircut schedule, all or nothing.</source>
        <translation>Remplacer le barème de décotes du desk, tout ou rien.</translation>
    </message>
    <message>
        <source>asset_class,issuer_type,rating,residual_maturity,main_index,haircut_percent</source>
        <translation>asset_class,issuer_type,rating,residual_maturity,main_index,haircut_percent</translation>
    </message>
    <message>
        <source>Positions now, or as of an instant.</source>
        <translation>Les positions maintenant, ou à un instant donné.</translation>
    </message>
    <message>
        <source>Instant, ISO 8601 (2026-03-08T06:30:00Z).</source>
        <translation>Instant, ISO 8601 (2026-03-08T06:30:00Z).</translation>
    </message>
    <message>
        <source>Include flat positions.</source>
        <translation>Inclure les positions soldées.</translation>
    </message>
    <message>
        <source>Snapshot every book (or one) now or at an instant.</source>
        <translation>Photographier tous les portefeuilles (ou un seul) maintenant ou à un instant donné.</translation>
    </message>
    <message>
        <source>List stored end-of-day snapshots.</source>
        <translation>Lister les photos de fin de journée enregistrées.</translation>
    </message>
    <message>
        <source>First business date, YYYY-MM-DD.</source>
        <translation>Premier jour ouvré, AAAA-MM-JJ.</translation>
    </message>
    <message>
        <source>Last business date, YYYY-MM-DD.</source>
        <translation>Dernier jour ouvré, AAAA-MM-JJ.</translation>
    </message>
    <message>
        <source>Positions of one stored end-of-day snapshot.</source>
        <translation>Les positions d’une photo de fin de journée enregistrée.</translation>
    </message>
    <message>
        <source>Business date, YYYY-MM-DD.</source>
        <translation>Jour ouvré, AAAA-MM-JJ.</translation>
    </message>
    <message>
        <source>The collateral ranking of an end-of-day snapshot.</source>
        <translation>Le classement du collatéral d’une photo de fin de journée.</translation>
    </message>
    <message>
        <source>Rebuild it with today&apos;s reference data, prices and haircuts.</source>
        <translation>Le reconstruire avec le référentiel, les prix et les décotes du jour.</translation>
    </message>
    <message>
        <source>Fill the database with demo books, instruments, prices and trades.</source>
        <translation>Remplir la base avec des portefeuilles, instruments, prix et opérations de démonstration.</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>Commandes :</translation>
    </message>
    <message>
        <source>FinDesk: positions, end-of-day snapshots and collateral rankings of a securities-financing desk.
Without COMMAND it opens the desk window.</source>
        <translation>FinDesk : positions, photos de fin de journée et classements du collatéral d’un desk de financement de titres.
Sans COMMANDE, il ouvre la fenêtre du desk.</translation>
    </message>
    <message>
        <source>SQLite file or postgresql://user[:password]@host[:port]/dbname (default: %1).</source>
        <translation>Fichier SQLite ou postgresql://utilisateur[:motdepasse]@hôte[:port]/base (par défaut : %1).</translation>
    </message>
    <message>
        <source>A batch command (see below); none opens the window.</source>
        <translation>Une commande de traitement (voir ci-dessous) ; sans commande, la fenêtre s’ouvre.</translation>
    </message>
    <message>
        <source>Run findesk --help for the usage.</source>
        <translation>Lancez findesk --help pour l’utilisation.</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;</source>
        <translation>commande inconnue « %1 »</translation>
    </message>
    <message>
        <source>Run findesk %1 --help for its options.</source>
        <translation>Lancez findesk %1 --help pour ses options.</translation>
    </message>
    <message>
        <source>%1: unexpected argument &quot;%2&quot;</source>
        <translation>%1 : argument inattendu « %2 »</translation>
    </message>
    <message>
        <source>--format: expected table, csv or xlsx, got &quot;%1&quot;</source>
        <translation>--format : table, csv ou xlsx attendu, « %1 » reçu</translation>
    </message>
    <message>
        <source>database %1 ready (schema version %2, desk time zone %3, desk base currency %4)</source>
        <translation>base %1 prête (schéma version %2, fuseau du desk %3, devise de base du desk %4)</translation>
    </message>
    <message>
        <source>%1: %2 new FX rate(s), %3 updated; rankings already built keep their rates until rebuilt</source>
        <translation>%1 : %2 nouveau(x) cours de change, %3 mis à jour ; les classements déjà construits gardent leurs cours jusqu’à leur reconstruction</translation>
    </message>
    <message>
        <source>%1: %2 new book(s), %3 updated</source>
        <translation>%1 : %2 nouveau(x) portefeuille(s), %3 mis à jour</translation>
    </message>
    <message>
        <source>demo data in %1: books EQ-NY (USD), EGB-PAR (EUR), REPO-LDN and SECLEND-LDN (GBP); business days %2 to %3 (desk time zone %4)</source>
        <translation>données de démonstration dans %1 : portefeuilles EQ-NY (USD), EGB-PAR (EUR), REPO-LDN et SECLEND-LDN (GBP) ; jours ouvrés du %2 au %3 (fuseau du desk %4)</translation>
    </message>
    <message>
        <source>Create or migrate the database; set the desk time zone and base currency.</source>
        <translation>Créer ou migrer la base ; fixer le fuseau horaire et la devise de base du desk.</translation>
    </message>
    <message>
        <source>Desk base currency, ISO 4217 (default: USD).</source>
        <translation>Devise de base du desk, ISO 4217 (par défaut : USD).</translation>
    </message>
    <message>
        <source>Import books (name, base currency), all or nothing.</source>
        <translation>Importer les portefeuilles (nom, devise de base), tout ou rien.</translation>
    </message>
    <message>
        <source>book_id,name,base_currency</source>
        <translation>book_id,name,base_currency</translation>
    </message>
    <message>
        <source>Import FX rates, all or nothing.</source>
        <translation>Importer des cours de change, tout ou rien.</translation>
    </message>
    <message>
        <source>currency_pair,business_date,rate (EURUSD 1.08: 1 EUR = 1.08 USD)</source>
        <translation>currency_pair,business_date,rate (EURUSD 1.08 : 1 EUR = 1,08 USD)</translation>
    </message>
    <message>
        <source>Columns (csv; the same order in xlsx): %1</source>
        <translation>Colonnes (csv ; le même ordre en xlsx) : %1</translation>
    </message>
    <message>
        <source>CSV numbers are plain (1234567.5); instants in UTC (2026-03-08T06:30:00Z).</source>
        <translation>En CSV, les nombres sont bruts (1234567.5) ; les instants en UTC (2026-03-08T06:30:00Z).</translation>
    </message>
    <message>
        <source>FILE: CSV, UTF-8 (optional BOM), a header line naming the columns, comma-separated, RFC 4180 quoting, LF or CRLF. See docs/file-formats.md.</source>
        <translation>FICHIER : CSV, UTF-8 (BOM facultatif), une ligne d’en-tête nommant les colonnes, séparateur virgule, guillemets RFC 4180, fins de ligne LF ou CRLF. Voir docs/file-formats.md.</translation>
    </message>
    <message>
        <source>unknown agreement &quot;%1&quot;</source>
        <translation>contrat inconnu « %1 »</translation>
    </message>
    <message>
        <source>cannot write to standard output: %1</source>
        <translation>impossible d’écrire sur la sortie standard : %1</translation>
    </message>
    <message>
        <source>cannot open the file: %1</source>
        <translation>impossible d’ouvrir le fichier : %1</translation>
    </message>
    <message>
        <source>%1: %2 new agreement(s), %3 updated</source>
        <translation>%1 : %2 nouveau(x) contrat(s), %3 mis à jour</translation>
    </message>
    <message>
        <source>unknown agreement &quot;%1&quot;; import it first with import-agreements</source>
        <translation>contrat inconnu « %1 » ; importez-le d’abord avec import-agreements</translation>
    </message>
    <message>
        <source>%1: %2 rule(s) now make the schedules of %3 agreement(s); rankings already built keep theirs until rebuilt</source>
        <translation>%1 : %2 règle(s) forment maintenant les barèmes de %3 contrat(s) ; les classements déjà construits gardent les leurs jusqu’à leur reconstruction</translation>
    </message>
    <message>
        <source>%1: %2 new cost rate(s), %3 updated</source>
        <translation>%1 : %2 nouveau(x) coût(s), %3 mis à jour</translation>
    </message>
    <message>
        <source>expected an amount greater than 0</source>
        <translation>montant supérieur à 0 attendu</translation>
    </message>
    <message>
        <source>no end-of-day snapshot of %1 on %2, so nothing to allocate</source>
        <translation>aucune photo de fin de journée de %1 le %2, donc rien à allouer</translation>
    </message>
    <message>
        <source>shortfall: %1 %2 of %3 %2 could not be covered by the eligible items of %4 under %5</source>
        <translation>manque : %1 %2 sur %3 %2 n’ont pas pu être couverts par les éléments éligibles de %4 sous %5</translation>
    </message>
    <message>
        <source>Import collateral agreements, all or nothing.</source>
        <translation>Importer des contrats de collatéral, tout ou rien.</translation>
    </message>
    <message>
        <source>agreement_id,counterparty,type,base_currency,fx_haircut,issuer_limit,excluded_issuer</source>
        <translation>agreement_id,counterparty,type,base_currency,fx_haircut,issuer_limit,excluded_issuer</translation>
    </message>
    <message>
        <source>Replace the eligibility schedule of each agreement named in the file, all or nothing.</source>
        <translation>Remplacer le barème d’éligibilité de chaque contrat nommé dans le fichier, tout ou rien.</translation>
    </message>
    <message>
        <source>agreement_id,rule_id,include,asset_class,issuer_type,min_rating,max_maturity_years,currencies,main_index,haircut</source>
        <translation>agreement_id,rule_id,include,asset_class,issuer_type,min_rating,max_maturity_years,currencies,main_index,haircut</translation>
    </message>
    <message>
        <source>Import per-instrument cost rates, all or nothing.</source>
        <translation>Importer des coûts par instrument, tout ou rien.</translation>
    </message>
    <message>
        <source>instrument_id,business_date,cost_rate (a fraction a year)</source>
        <translation>instrument_id,business_date,cost_rate (une fraction par an)</translation>
    </message>
    <message>
        <source>Rank under this collateral agreement (its schedule, haircuts and currency).</source>
        <translation>Classer sous ce contrat de collatéral (son barème, ses décotes et sa devise).</translation>
    </message>
    <message>
        <source>What to deliver under an agreement to cover an amount, cheapest first.</source>
        <translation>Ce qu’il faut livrer sous un contrat pour couvrir un montant, le moins cher d’abord.</translation>
    </message>
    <message>
        <source>Collateral agreement id.</source>
        <translation>Identifiant du contrat de collatéral.</translation>
    </message>
    <message>
        <source>Amount to cover, in the agreement&apos;s currency.</source>
        <translation>Montant à couvrir, dans la devise du contrat.</translation>
    </message>
    <message>
        <source>the ranking was built now and not stored: %1</source>
        <translation>le classement a été construit maintenant et n’est pas enregistré : %1</translation>
    </message>
    <message>
        <source>%1 writes to the database %2, but %3; nothing was changed</source>
        <translation>%1 écrit dans la base %2, mais %3 ; rien n’a été modifié</translation>
    </message>
</context>
<context>
    <name>BlotterModel</name>
    <message>
        <source>%1 trades</source>
        <translation>%1 opérations</translation>
    </message>
</context>
<context>
    <name>BookNavigator</name>
    <message>
        <source>Books</source>
        <translation>Portefeuilles</translation>
    </message>
    <message>
        <source>Filter books</source>
        <translation>Filtrer les portefeuilles</translation>
    </message>
</context>
<context>
    <name>BulkInsert</name>
    <message>
        <source>a database statement failed while %1: %2</source>
        <translation>une instruction de base de données a échoué en %1 : %2</translation>
    </message>
    <message>
        <source>cannot write to %1: the connection is still reading another query</source>
        <translation>impossible d’écrire dans %1 : la connexion lit encore une autre requête</translation>
    </message>
</context>
<context>
    <name>Column</name>
    <message>
        <source>Book</source>
        <translation>Portefeuille</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrument</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <source>Average price</source>
        <translation>Prix moyen</translation>
    </message>
    <message>
        <source>Realized P&amp;L</source>
        <translation>P&amp;L réalisé</translation>
    </message>
    <message>
        <source>Business date</source>
        <translation>Jour ouvré</translation>
    </message>
    <message>
        <source>Snapshot time</source>
        <translation>Heure de la photo</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>Positions</translation>
    </message>
    <message>
        <source>Net value</source>
        <translation>Valeur nette</translation>
    </message>
    <message>
        <source>Gross value</source>
        <translation>Valeur brute</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Rang</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Prix</translation>
    </message>
    <message>
        <source>Price source</source>
        <translation>Source du prix</translation>
    </message>
    <message>
        <source>Haircut</source>
        <translation>Décote</translation>
    </message>
    <message>
        <source>Collateral value</source>
        <translation>Valeur de collatéral</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Quantity before</source>
        <translation>Quantité avant</translation>
    </message>
    <message>
        <source>Quantity after</source>
        <translation>Quantité après</translation>
    </message>
    <message>
        <source>Quantity change</source>
        <translation>Variation de quantité</translation>
    </message>
    <message>
        <source>Value before</source>
        <translation>Valeur avant</translation>
    </message>
    <message>
        <source>Value after</source>
        <translation>Valeur après</translation>
    </message>
    <message>
        <source>Value change</source>
        <translation>Variation de valeur</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
    <message>
        <source>Market price</source>
        <translation>Prix de marché</translation>
    </message>
    <message>
        <source>Market value</source>
        <translation>Valeur de marché</translation>
    </message>
    <message>
        <source>Unrealized P&amp;L</source>
        <translation>P&amp;L latent</translation>
    </message>
    <message>
        <source>FX rate</source>
        <translation>Cours de change</translation>
    </message>
    <message>
        <source>Market value (base)</source>
        <translation>Valeur de marché (base)</translation>
    </message>
    <message>
        <source>Base currency</source>
        <translation>Devise de base</translation>
    </message>
    <message>
        <source>Unconverted</source>
        <translation>Non converties</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Contrat</translation>
    </message>
    <message>
        <source>FX haircut</source>
        <translation>Décote de change</translation>
    </message>
    <message>
        <source>Counted value</source>
        <translation>Valeur retenue</translation>
    </message>
    <message>
        <source>Trade</source>
        <translation>Opération</translation>
    </message>
    <message>
        <source>Trade time</source>
        <translation>Heure de l’opération</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Position after</source>
        <translation>Position après</translation>
    </message>
    <message>
        <source>Average price after</source>
        <translation>Prix moyen après</translation>
    </message>
    <message>
        <source>Realized by the trade</source>
        <translation>Réalisé par l’opération</translation>
    </message>
    <message>
        <source>Realized P&amp;L after</source>
        <translation>P&amp;L réalisé après</translation>
    </message>
    <message>
        <source>Cost rate</source>
        <translation>Coût annuel (taux)</translation>
    </message>
    <message>
        <source>Annual cost</source>
        <translation>Coût annuel</translation>
    </message>
    <message>
        <source>Cumulative value</source>
        <translation>Valeur cumulée</translation>
    </message>
    <message>
        <source>Counterparty</source>
        <translation>Contrepartie</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Issuer limit</source>
        <translation>Limite par émetteur</translation>
    </message>
    <message>
        <source>Excluded issuer</source>
        <translation>Émetteur exclu</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Règle</translation>
    </message>
    <message>
        <source>Include</source>
        <translation>Inclusion</translation>
    </message>
    <message>
        <source>Asset class</source>
        <translation>Classe d’actif</translation>
    </message>
    <message>
        <source>Issuer type</source>
        <translation>Type d’émetteur</translation>
    </message>
    <message>
        <source>Minimum rating</source>
        <translation>Note minimale</translation>
    </message>
    <message>
        <source>Maximum maturity (years)</source>
        <translation>Maturité maximale (ans)</translation>
    </message>
    <message>
        <source>Currencies</source>
        <translation>Devises</translation>
    </message>
    <message>
        <source>Main index</source>
        <translation>Indice principal</translation>
    </message>
</context>
<context>
    <name>Comparison</name>
    <message>
        <source>new</source>
        <translation>nouvelle</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>soldée</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>modifiée</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>inchangée</translation>
    </message>
</context>
<context>
    <name>Connection</name>
    <message>
        <source>no database at %1 (create one with: findesk --db %1 init)</source>
        <translation>pas de base à %1 (créez-en une avec : findesk --db %1 init)</translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation>impossible de créer le dossier %1</translation>
    </message>
    <message>
        <source>the Qt SQLite driver is not installed (Debian package libqt6sql6-sqlite)</source>
        <translation>le pilote SQLite de Qt n’est pas installé (paquet Debian libqt6sql6-sqlite)</translation>
    </message>
    <message>
        <source>the Qt PostgreSQL driver is not installed (Debian package libqt6sql6-psql)</source>
        <translation>le pilote PostgreSQL de Qt n’est pas installé (paquet Debian libqt6sql6-psql)</translation>
    </message>
    <message>
        <source>cannot open the database %1: %2</source>
        <translation>impossible d’ouvrir la base %1 : %2</translation>
    </message>
    <message>
        <source>cannot open the database %1: it is not a file</source>
        <translation>impossible d’ouvrir la base %1 : ce n’est pas un fichier</translation>
    </message>
    <message>
        <source>the file %1 is empty: it holds no FinDesk database (create one with: findesk --db %1 init); it was not changed</source>
        <translation>le fichier %1 est vide : il ne contient pas de base FinDesk (créez-en une avec : findesk --db %1 init) ; il n’a pas été modifié</translation>
    </message>
    <message>
        <source>inserting into %1</source>
        <translation>insérant dans %1</translation>
    </message>
    <message>
        <source>updating %1</source>
        <translation>mettant à jour %1</translation>
    </message>
    <message>
        <source>deleting from %1</source>
        <translation>supprimant de %1</translation>
    </message>
    <message>
        <source>reading %1</source>
        <translation>lisant %1</translation>
    </message>
    <message>
        <source>changing the schema (%1)</source>
        <translation>modifiant le schéma (%1)</translation>
    </message>
    <message>
        <source>committing</source>
        <translation>validant la transaction</translation>
    </message>
    <message>
        <source>starting a transaction</source>
        <translation>ouvrant une transaction</translation>
    </message>
    <message>
        <source>running &quot;%1&quot;</source>
        <translation>exécutant « %1 »</translation>
    </message>
    <message>
        <source>the PostgreSQL server at %1:%2 did not answer within %3 s while %4</source>
        <translation>le serveur PostgreSQL %1:%2 n’a pas répondu en %3 s en %4</translation>
    </message>
    <message>
        <source>the connection to the PostgreSQL server at %1:%2 was lost while %3: %4</source>
        <translation>la connexion au serveur PostgreSQL %1:%2 a été perdue en %3 : %4</translation>
    </message>
    <message>
        <source>the PostgreSQL server at %1:%2 did not finish within %3 s while %4 (FINDESK_STATEMENT_TIMEOUT)</source>
        <translation>le serveur PostgreSQL %1:%2 n’a pas terminé en %3 s en %4 (FINDESK_STATEMENT_TIMEOUT)</translation>
    </message>
    <message>
        <source>a database statement failed while %1: %2</source>
        <translation>une instruction de base de données a échoué en %1 : %2</translation>
    </message>
</context>
<context>
    <name>CsvReader</name>
    <message>
        <source>the file is not valid UTF-8</source>
        <translation>le fichier n’est pas en UTF-8 valide</translation>
    </message>
    <message>
        <source>a quoted field is not closed</source>
        <translation>un champ entre guillemets n’est pas fermé</translation>
    </message>
    <message>
        <source>unexpected text after a closing quote</source>
        <translation>texte inattendu après un guillemet fermant</translation>
    </message>
    <message>
        <source>a quote inside an unquoted field (quote the whole field and double the quote)</source>
        <translation>un guillemet dans un champ sans guillemets (mettez tout le champ entre guillemets et doublez le guillemet)</translation>
    </message>
    <message>
        <source>line longer than 1 MiB (%1 bytes); a CSV line is never that long: is this the right file?</source>
        <translation>ligne de plus de 1 Mio (%1 octets) ; une ligne CSV n’est jamais aussi longue : est-ce le bon fichier ?</translation>
    </message>
    <message>
        <source>the field contains a NUL character (U+0000), which no text may contain</source>
        <translation>le champ contient un caractère NUL (U+0000), qu’aucun texte ne peut contenir</translation>
    </message>
    <message>
        <source>cannot read the file: %1</source>
        <translation>impossible de lire le fichier : %1</translation>
    </message>
    <message>
        <source>a quoted field longer than 1 MiB: is its closing quote missing?</source>
        <translation>un champ entre guillemets de plus de 1 Mio : manque-t-il le guillemet fermant ?</translation>
    </message>
</context>
<context>
    <name>CsvTable</name>
    <message>
        <source>the file is empty; expected a header line: %1</source>
        <translation>le fichier est vide ; ligne d’en-tête attendue : %1</translation>
    </message>
    <message>
        <source>unknown column; expected the columns %1</source>
        <translation>colonne inconnue ; colonnes attendues : %1</translation>
    </message>
    <message>
        <source>unknown column: it starts with a second byte order mark (U+FEFF); expected the columns %1</source>
        <translation>colonne inconnue : elle commence par une deuxième marque d’ordre des octets (U+FEFF) ; colonnes attendues : %1</translation>
    </message>
    <message>
        <source>the column appears twice in the header</source>
        <translation>la colonne apparaît deux fois dans l’en-tête</translation>
    </message>
    <message>
        <source>the header has no column &quot;%1&quot;; expected the columns %2</source>
        <translation>l’en-tête n’a pas de colonne « %1 » ; colonnes attendues : %2</translation>
    </message>
    <message>
        <source>expected %1 fields, found %2</source>
        <translation>%1 champs attendus, %2 trouvés</translation>
    </message>
</context>
<context>
    <name>DatabaseLocation</name>
    <message>
        <source>expected postgresql://user[:password]@host[:port]/dbname, got &quot;%1&quot;</source>
        <translation>postgresql://utilisateur[:motdepasse]@hôte[:port]/base attendu, « %1 » reçu</translation>
    </message>
    <message>
        <source>the database location is empty</source>
        <translation>l’emplacement de la base est vide</translation>
    </message>
</context>
<context>
    <name>DemoData</name>
    <message>
        <source>demo: %1 books, %2 instruments</source>
        <translation>démo : %1 portefeuilles, %2 instruments</translation>
    </message>
    <message>
        <source>demo: %1 market prices from %2 to %3</source>
        <translation>démo : %1 prix de marché du %2 au %3</translation>
    </message>
    <message>
        <source>demo: %1 trades (%2 already there)</source>
        <translation>démo : %1 opérations (%2 déjà présentes)</translation>
    </message>
    <message>
        <source>demo: %1 snapshots stored</source>
        <translation>démo : %1 photos enregistrées</translation>
    </message>
    <message>
        <source>demo: %1 collateral rankings built</source>
        <translation>démo : %1 classements du collatéral construits</translation>
    </message>
    <message>
        <source>demo: %1 FX closes of %2 currency pairs</source>
        <translation>démo : %1 cours de clôture de %2 paires de devises</translation>
    </message>
    <message>
        <source>demo: %1 agreements, %2 eligibility rules, %3 cost rates</source>
        <translation>démo : %1 contrats, %2 règles d’éligibilité, %3 coûts</translation>
    </message>
</context>
<context>
    <name>DemoTradeFeed</name>
    <message>
        <source>no instruments: run the demo first (findesk demo)</source>
        <translation>aucun instrument : lancez d’abord la démo (findesk demo)</translation>
    </message>
</context>
<context>
    <name>DeskApp</name>
    <message>
        <source>A new desk database with demo data: %1 books, %2 instruments, %3 trades from %4 to %5.</source>
        <translation>Une nouvelle base avec des données de démonstration : %1 portefeuilles, %2 instruments, %3 opérations du %4 au %5.</translation>
    </message>
    <message>
        <source>wrote %1</source>
        <translation>%1 écrit</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>impossible d’écrire %1</translation>
    </message>
    <message>
        <source>FinDesk: the desk window.</source>
        <translation>FinDesk : la fenêtre du desk.</translation>
    </message>
    <message>
        <source>Database location.</source>
        <translation>Emplacement de la base.</translation>
    </message>
    <message>
        <source>Render the window to a PNG file and quit.</source>
        <translation>Rendre la fenêtre dans un fichier PNG et quitter.</translation>
    </message>
    <message>
        <source>Tab to show: positions, trades, eod, ranking or history.</source>
        <translation>Onglet à montrer : positions, trades, eod, ranking ou history.</translation>
    </message>
    <message>
        <source>Book to show.</source>
        <translation>Portefeuille à montrer.</translation>
    </message>
    <message>
        <source>Start the demo trade feed.</source>
        <translation>Démarrer le flux d’opérations de démonstration.</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>Ouverture de %1…</translation>
    </message>
    <message>
        <source>Collateral ranking under this agreement.</source>
        <translation>Classement du collatéral sous ce contrat.</translation>
    </message>
    <message>
        <source>Amount to allocate under the agreement.</source>
        <translation>Montant à allouer sous le contrat.</translation>
    </message>
</context>
<context>
    <name>DeskStatusBar</name>
    <message>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Time to the next snapshot</source>
        <translation>Temps jusqu’à la prochaine photo</translation>
    </message>
    <message>
        <source>The last snapshot stored</source>
        <translation>La dernière photo enregistrée</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Base : %1</translation>
    </message>
    <message>
        <source>Desk time zone: business dates are calendar dates here</source>
        <translation>Fuseau du desk : les jours ouvrés sont les dates de ce fuseau</translation>
    </message>
    <message>
        <source>Snapshots off</source>
        <translation>Photos arrêtées</translation>
    </message>
    <message>
        <source>Next snapshot %1 (in %2:%3)</source>
        <translation>Prochaine photo %1 (dans %2:%3)</translation>
    </message>
    <message numerus="yes">
        <source>Last snapshot %1 (%Ln book(s), %2)</source>
        <translation>
            <numerusform>Dernière photo %1 (%Ln portefeuille, %2)</numerusform>
            <numerusform>Dernière photo %1 (%Ln portefeuilles, %2)</numerusform>
        </translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>Open the exported file with its usual application</source>
        <translation>Ouvrir le fichier exporté avec son application habituelle</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Afficher dans le dossier</translation>
    </message>
    <message>
        <source>Open the folder that holds the exported file</source>
        <translation>Ouvrir le dossier qui contient le fichier exporté</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln row(s) to %1</source>
        <translation>
            <numerusform>%Ln ligne exportée dans %1</numerusform>
            <numerusform>%Ln lignes exportées dans %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Demo feed on</source>
        <translation>Flux de démo actif</translation>
    </message>
    <message>
        <source>The demo trade feed is booking invented trades (View → Demo trade feed)</source>
        <translation>Le flux de démonstration passe des opérations inventées (Affichage → Flux d’opérations de démo)</translation>
    </message>
    <message>
        <source>Read only</source>
        <translation>Lecture seule</translation>
    </message>
    <message>
        <source>This desk shows everything and changes nothing: %1</source>
        <translation>Ce desk affiche tout et ne modifie rien : %1</translation>
    </message>
    <message>
        <source>This desk takes the snapshots of every book for everyone on this database</source>
        <translation>Ce desk prend les photos de tous les portefeuilles pour tous les utilisateurs de cette base</translation>
    </message>
    <message>
        <source>Another desk on this database takes the snapshots (%1); this one takes over if it goes away. Snapshot now works here too.</source>
        <translation>Un autre desk de cette base prend les photos (%1) ; celui-ci prend le relais s’il s’arrête. « Photo maintenant » fonctionne aussi ici.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>Snapshots taken by another desk</source>
        <translation>Photos prises par un autre desk</translation>
    </message>
    <message>
        <source>Snapshots taken by %1</source>
        <translation>Photos prises par %1</translation>
    </message>
    <message>
        <source>A read-only desk takes no snapshots; it shows those the other desks take</source>
        <translation>Un desk en lecture seule ne prend pas de photos ; il montre celles des autres desks</translation>
    </message>
</context>
<context>
    <name>DeskTableView</name>
    <message>
        <source>Columns</source>
        <translation>Colonnes</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>&amp;Tout sélectionner</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
</context>
<context>
    <name>DeskTime</name>
    <message>
        <source>expected a date as YYYY-MM-DD, got &quot;%1&quot;</source>
        <translation>date au format AAAA-MM-JJ attendue, « %1 » reçu</translation>
    </message>
    <message>
        <source>expected an ISO 8601 instant like 2026-03-08T06:30:00Z, got &quot;%1&quot;</source>
        <translation>instant ISO 8601 comme 2026-03-08T06:30:00Z attendu, « %1 » reçu</translation>
    </message>
    <message>
        <source>expected an instant with an offset or Z, got &quot;%1&quot;</source>
        <translation>instant avec décalage ou Z attendu, « %1 » reçu</translation>
    </message>
    <message>
        <source>%1 does not exist in %2 (the clocks go forward)</source>
        <translation>%1 n’existe pas dans %2 (passage à l’heure d’été)</translation>
    </message>
</context>
<context>
    <name>EligibilityModel</name>
    <message>
        <source>Rule %1: %2</source>
        <translation>Règle %1 : %2</translation>
    </message>
</context>
<context>
    <name>EligibilityRule</name>
    <message>
        <source>%1 or better</source>
        <translation>%1 ou mieux</translation>
    </message>
    <message>
        <source>at most %1 years to maturity</source>
        <translation>au plus %1 ans jusqu’à l’échéance</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>en %1</translation>
    </message>
    <message>
        <source>in a main index</source>
        <translation>dans un indice principal</translation>
    </message>
    <message>
        <source>not in a main index</source>
        <translation>hors indice principal</translation>
    </message>
    <message>
        <source>anything</source>
        <translation>tout</translation>
    </message>
    <message>
        <source>excludes %1</source>
        <translation>exclut %1</translation>
    </message>
    <message>
        <source>accepts %1 at haircut %2</source>
        <translation>accepte %1 avec une décote de %2</translation>
    </message>
    <message>
        <source>accepts %1</source>
        <translation>accepte %1</translation>
    </message>
</context>
<context>
    <name>EndOfDayTab</name>
    <message>
        <source>Days in bold have an end-of-day snapshot</source>
        <translation>Les jours en gras ont une photo de fin de journée</translation>
    </message>
    <message>
        <source>The earlier day to compare the chosen day with</source>
        <translation>Le jour antérieur auquel comparer le jour choisi</translation>
    </message>
    <message>
        <source>%1 end of day %2</source>
        <translation>%1 fin de journée %2</translation>
    </message>
    <message>
        <source>%1 end-of-day snapshots</source>
        <translation>%1 photos de fin de journée</translation>
    </message>
    <message>
        <source>No earlier end of day to compare with</source>
        <translation>Pas de fin de journée antérieure à comparer</translation>
    </message>
    <message>
        <source>Comparing with %1…</source>
        <translation>Comparaison avec le %1…</translation>
    </message>
    <message>
        <source>%1 %2 vs %3</source>
        <translation>%1 %2 contre %3</translation>
    </message>
    <message>
        <source>Compared &amp;with:</source>
        <translation>Co&amp;mparé au :</translation>
    </message>
    <message numerus="yes">
        <source>%1 on %2: %Ln position(s) as of %3</source>
        <translation>
            <numerusform>%1 le %2 : %Ln position à %3</numerusform>
            <numerusform>%1 le %2 : %Ln positions à %3</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 has no end-of-day snapshot yet: one is stored at each snapshot tick (or Desk → Snapshot now)</source>
        <translation>%1 n’a pas encore de photo de fin de journée : chaque photo programmée en enregistre une (ou Desk → Photo maintenant)</translation>
    </message>
    <message>
        <source>%1: no end-of-day snapshot on %2 — the days in bold in the calendar have one</source>
        <translation>%1 : pas de photo de fin de journée le %2 — les jours en gras du calendrier en ont une</translation>
    </message>
    <message>
        <source>No end-of-day snapshot on %1: nothing to compare</source>
        <translation>Pas de photo de fin de journée le %1 : rien à comparer</translation>
    </message>
    <message numerus="yes">
        <source>%Ln new</source>
        <comment>positions</comment>
        <translation>
            <numerusform>%Ln nouvelle</numerusform>
            <numerusform>%Ln nouvelles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln closed</source>
        <comment>positions</comment>
        <translation>
            <numerusform>%Ln soldée</numerusform>
            <numerusform>%Ln soldées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln changed</source>
        <comment>positions</comment>
        <translation>
            <numerusform>%Ln modifiée</numerusform>
            <numerusform>%Ln modifiées</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 compared with %2: %3, %4, %5; value at cost %6%7 %8</source>
        <translation>%1 comparé au %2 : %3, %4, %5 ; valeur au coût %6%7 %8</translation>
    </message>
    <message numerus="yes">
        <source>(%Ln change(s) without reference data or FX rate left out)</source>
        <translation>
            <numerusform>(%Ln variation sans référentiel ni cours de change laissée de côté)</numerusform>
            <numerusform>(%Ln variations sans référentiel ni cours de change laissées de côté)</numerusform>
        </translation>
    </message>
    <message>
        <source>Chan&amp;ges only</source>
        <translation>Seulement les &amp;variations</translation>
    </message>
    <message>
        <source>Hide the positions that did not change between the two days</source>
        <translation>Masquer les positions qui n’ont pas changé entre les deux jours</translation>
    </message>
    <message>
        <source>%1 on %2: reading the end-of-day snapshot…</source>
        <translation>%1 le %2 : lecture de la photo de fin de journée…</translation>
    </message>
    <message>
        <source>(changes in other currencies at the FX of %1)</source>
        <translation>(variations dans d’autres devises au change du %1)</translation>
    </message>
</context>
<context>
    <name>ExportRunner</name>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Classeur Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV, comma-separated (*.csv)</source>
        <translation>CSV séparé par des virgules (*.csv)</translation>
    </message>
    <message>
        <source>CSV for comma-decimal spreadsheets, semicolon-separated (*.csv)</source>
        <translation>CSV pour tableurs à virgule décimale, séparé par des points-virgules (*.csv)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>L’export a échoué</translation>
    </message>
    <message>
        <source>Nothing was written.

%1</source>
        <translation>Rien n’a été écrit.

%1</translation>
    </message>
    <message numerus="yes">
        <source>Exporting %Ln row(s) to %1…</source>
        <translation>
            <numerusform>Export de %Ln ligne vers %1…</numerusform>
            <numerusform>Export de %Ln lignes vers %1…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <source>Net value at cost</source>
        <translation>Valeur nette au coût</translation>
    </message>
    <message>
        <source>Gross value at cost</source>
        <translation>Valeur brute au coût</translation>
    </message>
    <message>
        <source>Business date</source>
        <translation>Jour ouvré</translation>
    </message>
    <message>
        <source>Millions</source>
        <translation>Millions</translation>
    </message>
    <message>
        <source>%1: value at cost per business day</source>
        <translation>%1 : valeur au coût par jour ouvré</translation>
    </message>
    <message>
        <source>%1 has no end-of-day snapshot yet</source>
        <translation>%1 n’a pas encore de photo de fin de journée</translation>
    </message>
    <message numerus="yes">
        <source>%Ln end-of-day snapshot(s) from %1 to %2; latest net %3, gross %4</source>
        <translation>
            <numerusform>%Ln photo de fin de journée du %1 au %2 ; dernière nette %3, brute %4</numerusform>
            <numerusform>%Ln photos de fin de journée du %1 au %2 ; dernière nette %3, brute %4</numerusform>
        </translation>
    </message>
    <message>
        <source>No history to draw: the history has one point per business date, taken from the book&apos;s end-of-day snapshots, and %1 has none yet.</source>
        <translation>Pas d’historique à tracer : l’historique a un point par jour ouvré, pris des photos de fin de journée du portefeuille, et %1 n’en a pas encore.</translation>
    </message>
    <message>
        <source>The first business date shown, in the chart and the table</source>
        <translation>Le premier jour ouvré affiché, dans le graphique et le tableau</translation>
    </message>
    <message>
        <source>The last business date shown, in the chart and the table</source>
        <translation>Le dernier jour ouvré affiché, dans le graphique et le tableau</translation>
    </message>
    <message>
        <source>Fro&amp;m:</source>
        <translation>Dep&amp;uis le :</translation>
    </message>
    <message>
        <source>T&amp;o:</source>
        <translation>Jus&amp;qu’au :</translation>
    </message>
    <message>
        <source>%1 history</source>
        <translation>Historique %1</translation>
    </message>
    <message>
        <source>No history to draw: %1 has no end-of-day snapshot from %2 to %3.</source>
        <translation>Aucun historique à tracer : %1 n’a aucun instantané de fin de journée du %2 au %3.</translation>
    </message>
    <message>
        <source>No end-of-day snapshot from %1 to %2</source>
        <translation>Aucun instantané de fin de journée du %1 au %2</translation>
    </message>
</context>
<context>
    <name>ImportFiles</name>
    <message>
        <source>%1 already appears on line %2 with different content</source>
        <translation>%1 apparaît déjà ligne %2 avec un autre contenu</translation>
    </message>
    <message>
        <source>cannot open the file: %1</source>
        <translation>impossible d’ouvrir le fichier : %1</translation>
    </message>
    <message>
        <source>trade %1</source>
        <translation>l’opération %1</translation>
    </message>
    <message>
        <source>expected bond, equity, fund or cash, got &quot;%1&quot;</source>
        <translation>bond, equity, fund ou cash attendu, « %1 » reçu</translation>
    </message>
    <message>
        <source>expected sovereign, other, securitisation or nothing, got &quot;%1&quot;</source>
        <translation>sovereign, other, securitisation ou rien attendu, « %1 » reçu</translation>
    </message>
    <message>
        <source>a bond needs an issuer type: sovereign, other or securitisation</source>
        <translation>une obligation doit avoir un type d’émetteur : sovereign, other ou securitisation</translation>
    </message>
    <message>
        <source>unknown rating &quot;%1&quot;; expected one of %2 or nothing</source>
        <translation>notation inconnue « %1 » ; une de %2 ou rien attendu</translation>
    </message>
    <message>
        <source>instrument %1</source>
        <translation>l’instrument %1</translation>
    </message>
    <message>
        <source>the price of %1 on %2</source>
        <translation>le prix de %1 le %2</translation>
    </message>
    <message>
        <source>the haircut of %1</source>
        <translation>la décote de %1</translation>
    </message>
    <message>
        <source>expected bond, equity, fund, cash or nothing, got &quot;%1&quot;</source>
        <translation>bond, equity, fund, cash ou rien attendu, « %1 » reçu</translation>
    </message>
    <message>
        <source>expected a rating, a range best..worst like AAA..AA-, unrated or nothing, got &quot;%1&quot;</source>
        <translation>une notation, une plage meilleure..pire comme AAA..AA-, unrated ou rien attendu, « %1 » reçu</translation>
    </message>
    <message>
        <source>expected &lt;=1y, 1y-5y, &gt;5y or nothing, got &quot;%1&quot;</source>
        <translation>&lt;=1y, 1y-5y, &gt;5y ou rien attendu, « %1 » reçu</translation>
    </message>
    <message>
        <source>expected a haircut in percent from 0 up to (not including) 100, or &quot;not eligible&quot;, got %1</source>
        <translation>décote en pourcentage de 0 à 100 (exclu), ou « not eligible » attendu, %1 reçu</translation>
    </message>
    <message>
        <source>book %1</source>
        <translation>le portefeuille %1</translation>
    </message>
    <message>
        <source>expected a currency pair of two ISO codes like EURUSD, got &quot;%1&quot;</source>
        <translation>paire de devises de deux codes ISO comme EURUSD attendue, « %1 » reçu</translation>
    </message>
    <message>
        <source>a currency pair needs two different currencies, got &quot;%1&quot;</source>
        <translation>une paire de devises demande deux devises différentes, « %1 » reçu</translation>
    </message>
    <message>
        <source>the rate of %1 on %2</source>
        <translation>le cours de %1 le %2</translation>
    </message>
    <message>
        <source>cannot read the file: %1</source>
        <translation>impossible de lire le fichier : %1</translation>
    </message>
    <message>
        <source>expected GMRA, GMSLA or CSA, got &quot;%1&quot;</source>
        <translation>GMRA, GMSLA ou CSA attendu, « %1 » reçu</translation>
    </message>
    <message>
        <source>expected an issuer limit above 0 up to 1 (a fraction: 0.25 = 25%), got %1</source>
        <translation>limite par émetteur de plus de 0 jusqu’à 1 attendue (une fraction : 0.25 = 25 %), %1 reçu</translation>
    </message>
    <message>
        <source>agreement %1</source>
        <translation>le contrat %1</translation>
    </message>
    <message>
        <source>expected a number of years of 0 or more, got %1</source>
        <translation>nombre d’années de 0 ou plus attendu, %1 reçu</translation>
    </message>
    <message>
        <source>expected ISO currency codes separated by spaces, like &quot;EUR USD&quot;, got &quot;%1&quot;</source>
        <translation>codes devise ISO séparés par des espaces attendus, comme « EUR USD », « %1 » reçu</translation>
    </message>
    <message>
        <source>an inclusion rule needs a haircut (a fraction: 0.02 = 2%)</source>
        <translation>une règle d’inclusion demande une décote (une fraction : 0.02 = 2 %)</translation>
    </message>
    <message>
        <source>an exclusion rule has no haircut; leave it empty</source>
        <translation>une règle d’exclusion n’a pas de décote ; laissez-la vide</translation>
    </message>
    <message>
        <source>rule %1 of %2</source>
        <translation>la règle %1 de %2</translation>
    </message>
    <message>
        <source>expected a cost rate of 0 or more (a fraction a year: 0.035 = 3.5%), got %1</source>
        <translation>coût de 0 ou plus attendu (une fraction par an : 0.035 = 3,5 %), %1 reçu</translation>
    </message>
    <message>
        <source>the cost of %1 on %2</source>
        <translation>le coût de %1 le %2</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>FinDesk</source>
        <translation>FinDesk</translation>
    </message>
    <message>
        <source>&amp;Positions</source>
        <translation>&amp;Positions</translation>
    </message>
    <message>
        <source>&amp;End of day</source>
        <translation>Fin de &amp;journée</translation>
    </message>
    <message>
        <source>Collateral &amp;ranking</source>
        <translation>&amp;Classement du collatéral</translation>
    </message>
    <message>
        <source>Books</source>
        <translation>Portefeuilles</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Import trades…</source>
        <translation>&amp;Importer des opérations…</translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Desk</source>
        <translation>&amp;Desk</translation>
    </message>
    <message>
        <source>&amp;New trade…</source>
        <translation>&amp;Nouvelle opération…</translation>
    </message>
    <message>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <source>&amp;Snapshot now</source>
        <translation>&amp;Photo maintenant</translation>
    </message>
    <message>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>Pa&amp;ramètres…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Demo trade feed</source>
        <translation>Flux d’opérations de &amp;démonstration</translation>
    </message>
    <message>
        <source>Book random, plausible trades on the demo books every few seconds</source>
        <translation>Passer des opérations aléatoires et plausibles sur les portefeuilles de démonstration toutes les quelques secondes</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <source>&amp;About FinDesk</source>
        <translation>À &amp;propos de FinDesk</translation>
    </message>
    <message>
        <source>About FinDesk</source>
        <translation>À propos de FinDesk</translation>
    </message>
    <message>
        <source>&lt;h3&gt;FinDesk %1&lt;/h3&gt;&lt;p&gt;Positions, end-of-day snapshots and collateral rankings for a securities-financing desk.&lt;/p&gt;&lt;p&gt;Database: %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;FinDesk %1&lt;/h3&gt;&lt;p&gt;Positions, photos de fin de journée et classements du collatéral pour un desk de financement de titres.&lt;/p&gt;&lt;p&gt;Base : %2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Ranking of %1 on %2 failed: %3</source>
        <translation>Le classement de %1 le %2 a échoué : %3</translation>
    </message>
    <message>
        <source>Import trades</source>
        <translation>Importer des opérations</translation>
    </message>
    <message>
        <source>Trades CSV (*.csv);;All files (*)</source>
        <translation>CSV d’opérations (*.csv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Import failed: nothing was imported</source>
        <translation>Échec de l’import : rien n’a été importé</translation>
    </message>
    <message>
        <source>%1, line %2</source>
        <translation>%1, ligne %2</translation>
    </message>
    <message>
        <source>, column %1</source>
        <translation>, colonne %1</translation>
    </message>
    <message>
        <source>Line %1 of the file:
%2</source>
        <translation>Ligne %1 du fichier :
%2</translation>
    </message>
    <message>
        <source>The new database location is used at the next start</source>
        <translation>Le nouvel emplacement de la base servira au prochain démarrage</translation>
    </message>
    <message>
        <source>Hi&amp;story</source>
        <translation>&amp;Historique</translation>
    </message>
    <message>
        <source>&amp;Export table…</source>
        <translation>&amp;Exporter le tableau…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>&amp;Rebuild ranking…</source>
        <translation>&amp;Reconstruire le classement…</translation>
    </message>
    <message>
        <source>&amp;Filter the table</source>
        <translation>&amp;Filtrer le tableau</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <source>Read again from %1</source>
        <translation>Relu depuis %1</translation>
    </message>
    <message numerus="yes">
        <source>%1: imported %Ln trade(s); %2 already stored, %3 repeated in the file</source>
        <translation>
            <numerusform>%1 : %Ln opération importée ; %2 déjà enregistrée(s), %3 répétée(s) dans le fichier</numerusform>
            <numerusform>%1 : %Ln opérations importées ; %2 déjà enregistrée(s), %3 répétée(s) dans le fichier</numerusform>
        </translation>
    </message>
    <message>
        <source>Tr&amp;ades</source>
        <translation>&amp;Opérations</translation>
    </message>
    <message>
        <source>The desk time zone &quot;%1&quot; is not an IANA time zone, so business dates may be wrong: choose one in Desk → Settings</source>
        <translation>Le fuseau du desk « %1 » n’est pas un fuseau horaire IANA, les jours ouvrés peuvent donc être faux : choisissez-en un dans Desk → Paramètres</translation>
    </message>
    <message>
        <source>&amp;Agreements…</source>
        <translation>&amp;Contrats…</translation>
    </message>
    <message>
        <source>Ranking of %1 on %2 under %3 failed: %4</source>
        <translation>Le classement de %1 le %2 sous %3 a échoué : %4</translation>
    </message>
    <message>
        <source>Cannot follow the database (retrying): %1</source>
        <translation>Impossible de suivre la base (nouvel essai) : %1</translation>
    </message>
    <message>
        <source>Following the database again</source>
        <translation>La base est de nouveau suivie</translation>
    </message>
    <message>
        <source>Not on a read-only desk: %1</source>
        <translation>Pas sur un desk en lecture seule : %1</translation>
    </message>
    <message>
        <source>%1 (read only)</source>
        <translation>%1 (lecture seule)</translation>
    </message>
</context>
<context>
    <name>Note</name>
    <message>
        <source>up to 1 year</source>
        <translation>jusqu’à 1 an</translation>
    </message>
    <message>
        <source>over 1 up to 5 years</source>
        <translation>de plus de 1 an à 5 ans</translation>
    </message>
    <message>
        <source>over 5 years</source>
        <translation>plus de 5 ans</translation>
    </message>
    <message>
        <source>sovereign bond</source>
        <translation>obligation souveraine</translation>
    </message>
    <message>
        <source>non-sovereign bond</source>
        <translation>obligation non souveraine</translation>
    </message>
    <message>
        <source>securitisation bond</source>
        <translation>titrisation</translation>
    </message>
    <message>
        <source>bond</source>
        <translation>obligation</translation>
    </message>
    <message>
        <source>equity</source>
        <translation>action</translation>
    </message>
    <message>
        <source>fund</source>
        <translation>fonds</translation>
    </message>
    <message>
        <source>cash</source>
        <translation>espèces</translation>
    </message>
    <message>
        <source>in a main index</source>
        <translation>dans un indice principal</translation>
    </message>
    <message>
        <source>not in a main index</source>
        <translation>hors indice principal</translation>
    </message>
    <message>
        <source>unrated</source>
        <translation>non notée</translation>
    </message>
    <message>
        <source>rated</source>
        <translation>notée</translation>
    </message>
    <message>
        <source>no reference data</source>
        <translation>pas de référentiel</translation>
    </message>
    <message>
        <source>no FX rate %1→%2 on or before %3</source>
        <translation>pas de cours de change %1→%2 le %3 ou avant</translation>
    </message>
    <message>
        <source>desk override %1</source>
        <translation>décote spécifique du desk %1</translation>
    </message>
    <message>
        <source>schedule: %1</source>
        <translation>barème : %1</translation>
    </message>
    <message>
        <source>default haircut %1</source>
        <translation>décote par défaut %1</translation>
    </message>
    <message>
        <source>%1 is not eligible (schedule: %2)</source>
        <translation>%1 n’est pas éligible (barème : %2)</translation>
    </message>
    <message>
        <source>bond without maturity date is not eligible</source>
        <translation>une obligation sans échéance n’est pas éligible</translation>
    </message>
    <message>
        <source>bond matured on %1 is not eligible</source>
        <translation>une obligation échue le %1 n’est pas éligible</translation>
    </message>
    <message>
        <source>bond without rating is not eligible</source>
        <translation>une obligation sans notation n’est pas éligible</translation>
    </message>
    <message>
        <source>haircut %1 and FX haircut %2 leave no value</source>
        <translation>la décote %1 et la décote de change %2 ne laissent aucune valeur</translation>
    </message>
    <message>
        <source>%1; FX haircut %2 (%3→%4)</source>
        <translation>%1 ; décote de change %2 (%3→%4)</translation>
    </message>
    <message>
        <source>market</source>
        <translation>marché</translation>
    </message>
    <message>
        <source>average</source>
        <translation>moyen</translation>
    </message>
    <message>
        <source>issued by the counterparty&apos;s group</source>
        <translation>émis par le groupe de la contrepartie</translation>
    </message>
    <message>
        <source>excluded by rule %1</source>
        <translation>exclu par la règle %1</translation>
    </message>
    <message>
        <source>not in the schedule of %1</source>
        <translation>absent du barème de %1</translation>
    </message>
    <message>
        <source>rule %1 of %2: haircut %3</source>
        <translation>règle %1 de %2 : décote %3</translation>
    </message>
    <message>
        <source>rule %1 of %2: haircut %3; counted %4: the %5 issuer limit on %6</source>
        <translation>règle %1 de %2 : décote %3 ; retenu %4 : la limite par émetteur de %5 sur %6</translation>
    </message>
</context>
<context>
    <name>NumberInput</name>
    <message>
        <source>expected an amount greater than 0, like 250000000 or 250m, got &quot;%1&quot;</source>
        <translation>montant supérieur à 0 attendu, comme 250000000 ou 250m, « %1 » reçu</translation>
    </message>
</context>
<context>
    <name>OutputFile</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>impossible d’écrire %1 : %2</translation>
    </message>
    <message>
        <source>no file name</source>
        <translation>aucun nom de fichier</translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation>c’est un dossier</translation>
    </message>
    <message>
        <source>it is neither a regular file nor a terminal or a pipe</source>
        <translation>ce n’est ni un fichier ordinaire, ni un terminal, ni un tube</translation>
    </message>
    <message>
        <source>the file belongs to another user; FinDesk does not replace it</source>
        <translation>le fichier appartient à un autre utilisateur ; FinDesk ne le remplace pas</translation>
    </message>
    <message>
        <source>the file is read-only; FinDesk does not replace it</source>
        <translation>le fichier est en lecture seule ; FinDesk ne le remplace pas</translation>
    </message>
    <message>
        <source>it was not opened</source>
        <translation>il n’a pas été ouvert</translation>
    </message>
</context>
<context>
    <name>PositionsModel</name>
    <message>
        <source>%1 positions</source>
        <translation>positions %1</translation>
    </message>
</context>
<context>
    <name>PositionsTab</name>
    <message>
        <source>Also show positions closed today (quantity 0) with their realized P&amp;L</source>
        <translation>Afficher aussi les positions soldées (quantité 0) avec leur P&amp;L réalisé</translation>
    </message>
    <message>
        <source>&amp;New trade…</source>
        <translation>&amp;Nouvelle opération…</translation>
    </message>
    <message>
        <source>Book a trade in this book (Ctrl+T)</source>
        <translation>Passer une opération dans ce portefeuille (Ctrl+T)</translation>
    </message>
    <message>
        <source>Trade not booked</source>
        <translation>Opération non passée</translation>
    </message>
    <message>
        <source>Trade booked</source>
        <translation>Opération passée</translation>
    </message>
    <message>
        <source>That trade was already booked</source>
        <translation>Cette opération était déjà passée</translation>
    </message>
    <message>
        <source>No book selected</source>
        <translation>Aucun portefeuille choisi</translation>
    </message>
    <message>
        <source>Show f&amp;lat</source>
        <translation>Afficher les &amp;soldées</translation>
    </message>
    <message numerus="yes">
        <source>(%Ln position(s) left out: no price, reference data or FX rate)</source>
        <translation>
            <numerusform>(%Ln position laissée de côté : pas de prix, de référentiel ou de cours de change)</numerusform>
            <numerusform>(%Ln positions laissées de côté : pas de prix, de référentiel ou de cours de change)</numerusform>
        </translation>
    </message>
    <message>
        <source>Double-click a position to see its trades and how its average price came about</source>
        <translation>Double-cliquez sur une position pour voir ses opérations et comment son prix moyen s’est formé</translation>
    </message>
    <message>
        <source>Not on a read-only desk: %1</source>
        <translation>Pas sur un desk en lecture seule : %1</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln open position(s); in %2: market value %3, unrealized P&amp;L %4, realized P&amp;L %5</source>
        <translation>
            <numerusform>%1 : %Ln position ouverte ; en %2 : valeur de marché %3, P&amp;L latent %4, P&amp;L réalisé %5</numerusform>
            <numerusform>%1 : %Ln positions ouvertes ; en %2 : valeur de marché %3, P&amp;L latent %4, P&amp;L réalisé %5</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: reading the positions…</source>
        <translation>%1 : lecture des positions…</translation>
    </message>
</context>
<context>
    <name>Quantity</name>
    <message>
        <source>expected a number, got nothing</source>
        <translation>nombre attendu, rien reçu</translation>
    </message>
    <message>
        <source>expected a number like 1234.5, got &quot;%1&quot;</source>
        <translation>nombre comme 1234.5 attendu, « %1 » reçu</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has more than %2 decimal places</source>
        <translation>« %1 » a plus de %2 décimales</translation>
    </message>
    <message>
        <source>the quantity &quot;%1&quot; is out of range</source>
        <translation>la quantité « %1 » est hors limites</translation>
    </message>
</context>
<context>
    <name>RankingJob</name>
    <message>
        <source>unknown agreement &quot;%1&quot;</source>
        <translation>contrat inconnu « %1 »</translation>
    </message>
    <message>
        <source>the snapshot of %1 on %2 was replaced %3 times while its ranking was being built; try again</source>
        <translation>la photo de %1 du %2 a été remplacée %3 fois pendant la construction de son classement ; réessayez</translation>
    </message>
</context>
<context>
    <name>RankingModel</name>
    <message>
        <source>Rule %1 of %2: %3</source>
        <translation>Règle %1 de %2 : %3</translation>
    </message>
</context>
<context>
    <name>RankingTab</name>
    <message>
        <source>Rebuild this ranking with today&apos;s reference data, prices and haircuts</source>
        <translation>Reconstruire ce classement avec le référentiel, les prix et les décotes du jour</translation>
    </message>
    <message>
        <source>Business date of the end-of-day snapshot</source>
        <translation>Jour ouvré de la photo de fin de journée</translation>
    </message>
    <message>
        <source>Top 15 by collateral value</source>
        <translation>Les 15 premiers en valeur de collatéral</translation>
    </message>
    <message>
        <source>%1 collateral ranking %2</source>
        <translation>%1 classement du collatéral %2</translation>
    </message>
    <message>
        <source>Re&amp;build…</source>
        <translation>Reconstr&amp;uire…</translation>
    </message>
    <message>
        <source>Business da&amp;te:</source>
        <translation>Jour ou&amp;vré :</translation>
    </message>
    <message>
        <source>Loading the end-of-day dates of %1…</source>
        <translation>Lecture des jours de fin de journée de %1…</translation>
    </message>
    <message>
        <source>%1 has no end-of-day snapshot yet, so it has no collateral ranking: a ranking is built from the end-of-day snapshot of a business date. The next snapshot tick takes one (or Desk → Snapshot now).</source>
        <translation>%1 n’a pas encore de photo de fin de journée, donc pas de classement du collatéral : un classement est construit à partir de la photo de fin de journée d’un jour ouvré. La prochaine photo programmée en prendra une (ou Desk → Photo maintenant).</translation>
    </message>
    <message>
        <source>%1 has no end-of-day snapshot on %2, so no collateral ranking for that day. Choose a business date from the list.</source>
        <translation>%1 n’a pas de photo de fin de journée le %2, donc pas de classement du collatéral ce jour-là. Choisissez un jour ouvré dans la liste.</translation>
    </message>
    <message>
        <source>The end-of-day snapshot of %1 on %2 holds no long position: nothing to rank as collateral.</source>
        <translation>La photo de fin de journée de %1 le %2 ne contient aucune position longue : rien à classer comme collatéral.</translation>
    </message>
    <message>
        <source>Rebuild the collateral ranking?</source>
        <translation>Reconstruire le classement du collatéral ?</translation>
    </message>
    <message>
        <source>The stored ranking, built %1 with the data of that time, is replaced. Files exported from it keep their figures.</source>
        <translation>Le classement enregistré, construit le %1 avec les données de ce moment, est remplacé. Les fichiers déjà exportés gardent leurs chiffres.</translation>
    </message>
    <message>
        <source>The stored ranking, if any, is replaced.</source>
        <translation>Le classement enregistré, s’il existe, est remplacé.</translation>
    </message>
    <message>
        <source>Rebuild</source>
        <translation>Reconstruire</translation>
    </message>
    <message>
        <source>Rebuilding the collateral ranking of %1 on %2…</source>
        <translation>Reconstruction du classement du collatéral de %1 le %2…</translation>
    </message>
    <message>
        <source>Rebuilt the collateral ranking of %1 on %2 with today&apos;s data</source>
        <translation>Classement du collatéral de %1 le %2 reconstruit avec les données d’aujourd’hui</translation>
    </message>
    <message numerus="yes">
        <source>None of the %Ln item(s) of this ranking is eligible as collateral: nothing to chart. The table says why for each.</source>
        <translation>
            <numerusform>La seule ligne de ce classement n’est pas éligible comme collatéral : rien à tracer. Le tableau dit pourquoi.</numerusform>
            <numerusform>Aucune des %Ln lignes de ce classement n’est éligible comme collatéral : rien à tracer. Le tableau dit pourquoi pour chacune.</numerusform>
        </translation>
    </message>
    <message>
        <source>Millions</source>
        <translation>Millions</translation>
    </message>
    <message>
        <source>Millions of %1</source>
        <translation>Millions de %1</translation>
    </message>
    <message>
        <source>A&amp;greements…</source>
        <translation>Con&amp;trats…</translation>
    </message>
    <message>
        <source>Allocation: what to deliver, cheapest first</source>
        <translation>Allocation : quoi livrer, le moins cher d’abord</translation>
    </message>
    <message>
        <source>Rank under the desk&apos;s haircut schedule, or under a counterparty&apos;s agreement: its eligibility schedule, haircuts, currency and issuer limit</source>
        <translation>Classer selon le barème de décotes du desk, ou sous le contrat d’une contrepartie : son barème d’éligibilité, ses décotes, sa devise et sa limite par émetteur</translation>
    </message>
    <message>
        <source>Desk schedule</source>
        <translation>Barème du desk</translation>
    </message>
    <message>
        <source>The desk&apos;s agreements and their eligibility rules</source>
        <translation>Les contrats du desk et leurs règles d’éligibilité</translation>
    </message>
    <message>
        <source>&amp;Under:</source>
        <translation>&amp;Sous :</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 · %4</source>
        <translation>%1 · %2 · %3 · %4</translation>
    </message>
    <message>
        <source> under %1</source>
        <translation> sous %1</translation>
    </message>
    <message>
        <source>Building the collateral ranking of %1 on %2%3 from its end-of-day snapshot…</source>
        <translation>Construction du classement du collatéral de %1 le %2%3 à partir de sa photo de fin de journée…</translation>
    </message>
    <message>
        <source>No collateral ranking of %1 on %2%3: it could not be built from the end-of-day snapshot (see the status bar).</source>
        <translation>Pas de classement du collatéral de %1 le %2%3 : il n’a pas pu être construit à partir de la photo de fin de journée (voir la barre d’état).</translation>
    </message>
    <message>
        <source>%1 %2 ranking %3</source>
        <translation>classement %1 %2 %3</translation>
    </message>
    <message>
        <source>from the snapshot of %1 · built %2</source>
        <translation>de la photo de %1 · construit %2</translation>
    </message>
    <message>
        <source>Collateral value %1 %2 (in the book&apos;s base currency, FX of %3) · %4 ranked · %5 not eligible · %6</source>
        <translation>Valeur de collatéral %1 %2 (dans la devise de base du portefeuille, change du %3) · %4 classés · %5 non éligibles · %6</translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation>%1 (%2, %3)</translation>
    </message>
    <message numerus="yes">
        <source> · %Ln item(s) cut by the %1 issuer limit</source>
        <translation>
            <numerusform> · %Ln titre réduit par la limite par émetteur de %1</numerusform>
            <numerusform> · %Ln titres réduits par la limite par émetteur de %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %Ln item(s) cut by the issuer limit</source>
        <translation>
            <numerusform> · %Ln titre réduit par la limite par émetteur</numerusform>
            <numerusform> · %Ln titres réduits par la limite par émetteur</numerusform>
        </translation>
    </message>
    <message>
        <source>Counted value %1 %2 under %3 · collateral value %4%5 · %6 ranked · %7 not eligible · %8</source>
        <translation>Valeur retenue %1 %2 sous %3 · valeur de collatéral %4%5 · %6 classés · %7 non éligibles · %8</translation>
    </message>
    <message>
        <source>Rebuild the collateral ranking of %1 on %2%3 with today&apos;s reference data, prices and haircuts?</source>
        <translation>Reconstruire le classement du collatéral de %1 le %2%3 avec les données de référence, prix et décotes du jour ?</translation>
    </message>
    <message>
        <source>Not on a read-only desk: %1</source>
        <translation>Pas sur un desk en lecture seule : %1</translation>
    </message>
    <message>
        <source>Reading the collateral ranking of %1 on %2…</source>
        <translation>Lecture du classement du collatéral de %1 le %2…</translation>
    </message>
    <message numerus="yes">
        <source>· %Ln short position(s) of the snapshot, not collateral</source>
        <translation>
            <numerusform>· %Ln position courte de la photo, non éligible comme collatéral</numerusform>
            <numerusform>· %Ln positions courtes de la photo, non éligibles comme collatéral</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Schema</name>
    <message>
        <source>the database %1 was written by a newer FinDesk (schema version %2; this program knows versions up to %3). It was not changed; open it with a newer FinDesk.</source>
        <translation>la base %1 a été écrite par un FinDesk plus récent (schéma version %2 ; ce programme connaît les versions jusqu’à %3). Elle n’a pas été modifiée ; ouvrez-la avec un FinDesk plus récent.</translation>
    </message>
    <message>
        <source>cannot read the database %1: %2</source>
        <translation>impossible de lire la base %1 : %2</translation>
    </message>
    <message>
        <source>the database %1 is not a FinDesk database this program can open: its schema_info table holds %2 versions instead of one (%3). It was not changed.</source>
        <translation>la base %1 n’est pas une base FinDesk que ce programme peut ouvrir : sa table schema_info contient %2 versions au lieu d’une (%3). Elle n’a pas été modifiée.</translation>
    </message>
    <message>
        <source>the database %1 is not a FinDesk database this program can open: its schema_info table holds the version &quot;%2&quot;, which is not a FinDesk schema version (a small positive integer). It was not changed.</source>
        <translation>la base %1 n’est pas une base FinDesk que ce programme peut ouvrir : sa table schema_info contient la version « %2 », qui n’est pas une version de schéma FinDesk (un petit entier positif). Elle n’a pas été modifiée.</translation>
    </message>
    <message>
        <source>the database %1 is not a FinDesk database: it has tables (%2) but no FinDesk schema_info. It was not changed.</source>
        <translation>la base %1 n’est pas une base FinDesk : elle a des tables (%2) mais pas de schema_info FinDesk. Elle n’a pas été modifiée.</translation>
    </message>
    <message>
        <source>%1 holds no FinDesk database (create one with: findesk --db %1 init); it was not changed.</source>
        <translation>%1 ne contient pas de base FinDesk (créez-en une avec : findesk --db %1 init) ; rien n’a été modifié.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Snapshots are taken on the clock: every 10 minutes means 10:00, 10:10, …</source>
        <translation>Les photos sont prises à heure fixe : toutes les 10 minutes signifie 10:00, 10:10, …</translation>
    </message>
    <message>
        <source>Business dates are calendar dates in this zone. Stored snapshots keep their dates.</source>
        <translation>Les jours ouvrés sont les dates de ce fuseau. Les photos enregistrées gardent leurs dates.</translation>
    </message>
    <message>
        <source>For instruments the haircut schedule does not cover. Built rankings keep theirs until rebuilt.</source>
        <translation>Pour les instruments que le barème ne couvre pas. Les classements construits gardent les leurs jusqu’à leur reconstruction.</translation>
    </message>
    <message>
        <source>A SQLite file, or postgresql://user@host:port/dbname for a shared desk. Takes effect at the next start.</source>
        <translation>Un fichier SQLite, ou postgresql://utilisateur@hôte:port/base pour un desk partagé. Pris en compte au prochain démarrage.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>Fichier de la base</translation>
    </message>
    <message>
        <source>SQLite database (*.sqlite *.db);;All files (*)</source>
        <translation>Base SQLite (*.sqlite *.db);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Snapshot &amp;interval:</source>
        <translation>&amp;Intervalle des photos :</translation>
    </message>
    <message>
        <source>Desk &amp;time zone:</source>
        <translation>&amp;Fuseau du desk :</translation>
    </message>
    <message>
        <source>Default &amp;haircut:</source>
        <translation>Décote par &amp;défaut :</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Base :</translation>
    </message>
    <message>
        <source>Area/City, e.g. Europe/London</source>
        <translation>Zone/Ville, par ex. Europe/Paris</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IANA time zone: choose one from the list, like Europe/Paris or America/New_York.</source>
        <translation>« %1 » n’est pas un fuseau horaire IANA : choisissez-en un dans la liste, comme Europe/Paris ou America/New_York.</translation>
    </message>
    <message>
        <source>The currency of the totals and the desk ranking of books that have no base currency of their own.</source>
        <translation>La devise des totaux et du classement des portefeuilles qui n’ont pas de devise de base propre.</translation>
    </message>
    <message>
        <source>Added to the haircut of collateral in another currency than the ranking&apos;s (Basel: 8%, 10-day).</source>
        <translation>Ajoutée à la décote du collatéral dans une autre devise que celle du classement (Bâle : 8 %, 10 jours).</translation>
    </message>
    <message>
        <source>Desk base &amp;currency:</source>
        <translation>De&amp;vise de base du desk :</translation>
    </message>
    <message>
        <source>&amp;FX haircut:</source>
        <translation>Décote de &amp;change :</translation>
    </message>
    <message>
        <source>The desk time zone, base currency and haircuts are shared by everyone using this database.</source>
        <translation>Le fuseau horaire, la devise de base et les décotes du desk sont partagés par tous les utilisateurs de cette base.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a currency code: three capital letters, like EUR.</source>
        <translation>« %1 » n’est pas un code devise : trois lettres capitales, comme EUR.</translation>
    </message>
    <message>
        <source>Leave the password out of the database location: it would be stored in clear with the settings. PostgreSQL reads it from ~/.pgpass or PGPASSWORD.</source>
        <translation>Ne mettez pas le mot de passe dans l’emplacement de la base : il serait enregistré en clair avec les réglages. PostgreSQL le lit dans ~/.pgpass ou PGPASSWORD.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>Copy the selected cells with their header (pastes into Excel)</source>
        <translation>Copier les cellules sélectionnées avec leur en-tête (se colle dans Excel)</translation>
    </message>
    <message>
        <source>Select every cell of a table</source>
        <translation>Sélectionner toutes les cellules d’un tableau</translation>
    </message>
    <message>
        <source>Next or previous control (a table is one stop; arrows move inside it)</source>
        <translation>Contrôle suivant ou précédent (un tableau est un seul arrêt ; les flèches s’y déplacent)</translation>
    </message>
    <message>
        <source>Tab, Shift+Tab</source>
        <translation>Tab, Maj+Tab</translation>
    </message>
    <message>
        <source>A tab, a menu or a labelled field</source>
        <translation>Un onglet, un menu ou un champ étiqueté</translation>
    </message>
    <message>
        <source>Alt + the underlined letter</source>
        <translation>Alt + la lettre soulignée</translation>
    </message>
    <message>
        <source>Book list: the next or previous book</source>
        <translation>Liste des portefeuilles : le suivant ou le précédent</translation>
    </message>
    <message>
        <source>Up, Down</source>
        <translation>Haut, Bas</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Touches</translation>
    </message>
</context>
<context>
    <name>SnapshotJob</name>
    <message numerus="yes">
        <source>%1 %2: stored the snapshot of %3 (%n position(s))</source>
        <translation>
            <numerusform>%1 %2 : photo de %3 enregistrée (%n position)</numerusform>
            <numerusform>%1 %2 : photo de %3 enregistrée (%n positions)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 %2: replaced the day&apos;s snapshot with the one of %3 (%n position(s))</source>
        <translation>
            <numerusform>%1 %2 : photo du jour remplacée par celle de %3 (%n position)</numerusform>
            <numerusform>%1 %2 : photo du jour remplacée par celle de %3 (%n positions)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %2: unchanged since the stored snapshot; its time moved to %3</source>
        <translation>%1 %2 : inchangé depuis la photo enregistrée ; son heure passe à %3</translation>
    </message>
    <message>
        <source>%1 %2: the snapshot of %3 is older than the stored one of %4; discarded</source>
        <translation>%1 %2 : la photo de %3 est plus ancienne que celle enregistrée de %4 ; ignorée</translation>
    </message>
</context>
<context>
    <name>SnapshotService</name>
    <message>
        <source>Snapshot at %1 failed; it will be retried at the next tick: %2</source>
        <translation>La photo de %1 a échoué ; elle sera retentée au prochain tic : %2</translation>
    </message>
</context>
<context>
    <name>SnapshotTaker</name>
    <message>
        <source>FinDesk on %1 (pid %2)</source>
        <translation>FinDesk sur %1 (pid %2)</translation>
    </message>
</context>
<context>
    <name>TableExporter</name>
    <message>
        <source>cannot create the workbook %1</source>
        <translation>impossible de créer le classeur %1</translation>
    </message>
    <message>
        <source>cannot write row %1 of %2: %3</source>
        <translation>impossible d’écrire la ligne %1 de %2 : %3</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>impossible d’écrire %1 : %2</translation>
    </message>
    <message>
        <source>cannot write %1: the rows could not be written to a temporary file in %2 (%3)</source>
        <translation>impossible d’écrire %1 : les lignes n’ont pas pu être écrites dans un fichier temporaire de %2 (%3)</translation>
    </message>
    <message>
        <source>cannot write %1: no temporary file</source>
        <translation>impossible d’écrire %1 : pas de fichier temporaire</translation>
    </message>
</context>
<context>
    <name>TablePanel</name>
    <message>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filtrer</translation>
    </message>
    <message>
        <source>Show only rows whose text columns contain every word typed here</source>
        <translation>N’afficher que les lignes dont les colonnes texte contiennent chaque mot saisi ici</translation>
    </message>
    <message>
        <source>Export the rows shown, in the order shown, to Excel or CSV</source>
        <translation>Exporter les lignes affichées, dans l’ordre affiché, vers Excel ou CSV</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln ligne</numerusform>
            <numerusform>%Ln lignes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TotalsText</name>
    <message>
        <source>No rows shown: no totals</source>
        <translation>Aucune ligne affichée : pas de totaux</translation>
    </message>
    <message>
        <source>Totals, per currency</source>
        <translation>Totaux, par devise</translation>
    </message>
    <message>
        <source>Totals of the %1 rows shown</source>
        <translation>Totaux des %1 lignes affichées</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>Positions</translation>
    </message>
    <message>
        <source>Market value</source>
        <translation>Valeur de marché</translation>
    </message>
    <message>
        <source>Unrealized P&amp;L</source>
        <translation>P&amp;L latent</translation>
    </message>
    <message>
        <source>Realized P&amp;L</source>
        <translation>P&amp;L réalisé</translation>
    </message>
    <message>
        <source>no reference data (price units)</source>
        <translation>sans données de référence (unités de prix)</translation>
    </message>
    <message numerus="yes">
        <source>(%Ln without a price)</source>
        <translation>
            <numerusform>(%Ln sans prix)</numerusform>
            <numerusform>(%Ln sans prix)</numerusform>
        </translation>
    </message>
    <message>
        <source>Totals</source>
        <translation>Totaux</translation>
    </message>
    <message numerus="yes">
        <source>%1, in %2: collateral value %3, counted value %4 (%Ln ranked item(s); %5 not eligible)</source>
        <translation>
            <numerusform>%1, en %2 : valeur de collatéral %3, valeur retenue %4 (%Ln élément classé ; %5 non éligibles)</numerusform>
            <numerusform>%1, en %2 : valeur de collatéral %3, valeur retenue %4 (%Ln éléments classés ; %5 non éligibles)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TradeImport</name>
    <message>
        <source>trade %1 is already stored with other content (%2 %3 %4 @ %5 at %6); nothing was imported</source>
        <translation>l’opération %1 est déjà enregistrée avec un autre contenu (%2 %3 %4 @ %5 le %6) ; rien n’a été importé</translation>
    </message>
</context>
<context>
    <name>TradeTicketDialog</name>
    <message>
        <source>&amp;Buy</source>
        <translation>&amp;Achat</translation>
    </message>
    <message>
        <source>&amp;Sell</source>
        <translation>&amp;Vente</translation>
    </message>
    <message>
        <source>New trade</source>
        <translation>Nouvelle opération</translation>
    </message>
    <message>
        <source>e.g. 1000 (bonds: nominal)</source>
        <translation>p. ex. 1000 (obligations : nominal)</translation>
    </message>
    <message>
        <source>e.g. 101.25 (bonds: % of nominal)</source>
        <translation>p. ex. 101.25 (obligations : % du nominal)</translation>
    </message>
    <message>
        <source>Boo&amp;k:</source>
        <translation>&amp;Portefeuille :</translation>
    </message>
    <message>
        <source>&amp;Instrument:</source>
        <translation>&amp;Instrument :</translation>
    </message>
    <message>
        <source>Side:</source>
        <translation>Sens :</translation>
    </message>
    <message>
        <source>&amp;Quantity:</source>
        <translation>&amp;Quantité :</translation>
    </message>
    <message>
        <source>&amp;Price:</source>
        <translation>P&amp;rix :</translation>
    </message>
    <message>
        <source>&amp;Time (%1):</source>
        <translation>&amp;Heure (%1) :</translation>
    </message>
    <message>
        <source>Trade &amp;id:</source>
        <translation>I&amp;dentifiant :</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>Book</source>
        <translation>Portefeuille</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrument</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <source>Quantity: give a positive quantity and choose Buy or Sell</source>
        <translation>Quantité : saisissez une quantité positive et choisissez Achat ou Vente</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Prix</translation>
    </message>
    <message>
        <source>Trade id</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <source>Time: %1 does not exist in %2 (the clocks go forward)</source>
        <translation>Heure : %1 n’existe pas dans %2 (passage à l’heure d’été)</translation>
    </message>
    <message>
        <source>Fill in the instrument, quantity and price.</source>
        <translation>Renseignez l’instrument, la quantité et le prix.</translation>
    </message>
    <message>
        <source>Book it &amp;anyway</source>
        <translation>Enregistrer &amp;quand même</translation>
    </message>
    <message>
        <source>Checking the stored end-of-day snapshots of %1…</source>
        <translation>Vérification des photos de fin de journée enregistrées de %1…</translation>
    </message>
    <message>
        <source>… %1</source>
        <translation>… %1</translation>
    </message>
    <message numerus="yes">
        <source>Back-dated: this trade is before stored end-of-day snapshots of %1, so it changes the stored end of day of %n day(s): %2.</source>
        <translation>
            <numerusform>Antidatée : cette opération précède des photos de fin de journée enregistrées de %1 ; elle modifie donc la fin de journée enregistrée de %n jour : %2.</numerusform>
            <numerusform>Antidatée : cette opération précède des photos de fin de journée enregistrées de %1 ; elle modifie donc la fin de journée enregistrée de %n jours : %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>Time: confirm the back-dated trade, or give a later time</source>
        <translation>Heure : confirmez l’opération antidatée, ou donnez une heure plus tardive</translation>
    </message>
    <message>
        <source>Book an instrument without reference &amp;data</source>
        <translation>Passer un instrument sans &amp;référentiel</translation>
    </message>
    <message>
        <source>ISIN, identifier or name</source>
        <translation>ISIN, identifiant ou nom</translation>
    </message>
    <message>
        <source>notional %1 %2</source>
        <translation>nominal %1 %2</translation>
    </message>
    <message>
        <source>position %1 → %2</source>
        <translation>position %1 → %2</translation>
    </message>
    <message>
        <source>%1 has no reference data: it will have no currency or market value and is never collateral.</source>
        <translation>%1 n’a pas de référentiel : il n’aura ni devise ni valeur de marché et ne sera jamais du collatéral.</translation>
    </message>
    <message>
        <source>Did you mean %1?</source>
        <translation>Vouliez-vous dire %1 ?</translation>
    </message>
    <message>
        <source>Instrument: confirm an instrument without reference data, or choose a known one</source>
        <translation>Instrument : confirmez un instrument sans référentiel, ou choisissez-en un connu</translation>
    </message>
</context>
<context>
    <name>TradesTab</name>
    <message>
        <source>All i&amp;nstruments</source>
        <translation>&amp;Tous les instruments</translation>
    </message>
    <message>
        <source>Double-click a trade to see how its instrument&apos;s position came about</source>
        <translation>Double-cliquez sur une opération pour voir comment la position de son instrument s’est formée</translation>
    </message>
    <message>
        <source>List the trades of every instrument of the book again</source>
        <translation>Lister à nouveau les opérations de tous les instruments du portefeuille</translation>
    </message>
    <message>
        <source>%1 %2 average cost</source>
        <translation>%1 %2 coût moyen</translation>
    </message>
    <message>
        <source>No book selected</source>
        <translation>Aucun portefeuille sélectionné</translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln trade(s), newest first</source>
        <translation>
            <numerusform>%1 : %Ln opération, la plus récente en premier</numerusform>
            <numerusform>%1 : %Ln opérations, les plus récentes en premier</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: the trades in %2, newest first</source>
        <translation>%1 : les opérations sur %2, les plus récentes en premier</translation>
    </message>
    <message>
        <source>(the newest %1 only)</source>
        <translation>(les %1 plus récentes seulement)</translation>
    </message>
    <message>
        <source>How the position in %1 came about: reading its trades…</source>
        <translation>Comment la position sur %1 s’est formée : lecture de ses opérations…</translation>
    </message>
    <message numerus="yes">
        <source>How the position in %1 came about, trade by trade (average-cost method): after %Ln trade(s), quantity %2 at average price %3; realized P&amp;L %4 %5</source>
        <translation>
            <numerusform>Comment la position sur %1 s’est formée, opération par opération (méthode du coût moyen) : après %Ln opération, quantité %2 au prix moyen %3 ; P&amp;L réalisé %4 %5</numerusform>
            <numerusform>Comment la position sur %1 s’est formée, opération par opération (méthode du coût moyen) : après %Ln opérations, quantité %2 au prix moyen %3 ; P&amp;L réalisé %4 %5</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: the newest %Ln trade(s), newest first; older ones are not listed</source>
        <translation>
            <numerusform>%1 : la dernière opération (%Ln), la plus récente en premier ; les plus anciennes ne sont pas listées</numerusform>
            <numerusform>%1 : les %Ln dernières opérations, les plus récentes en premier ; les plus anciennes ne sont pas listées</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: reading the trades…</source>
        <translation>%1 : lecture des opérations…</translation>
    </message>
</context>
<context>
    <name>ValueParser</name>
    <message>
        <source>expected a number, got nothing</source>
        <translation>nombre attendu, rien reçu</translation>
    </message>
    <message>
        <source>expected a number like 1234.5, got &quot;%1&quot;</source>
        <translation>nombre comme 1234.5 attendu, « %1 » reçu</translation>
    </message>
    <message>
        <source>the number &quot;%1&quot; is out of range</source>
        <translation>le nombre « %1 » est hors limites</translation>
    </message>
    <message>
        <source>expected a non-zero quantity (+ buy, − sell), got %1</source>
        <translation>quantité non nulle attendue (+ achat, − vente), %1 reçu</translation>
    </message>
    <message>
        <source>expected a price greater than 0, got %1</source>
        <translation>prix supérieur à 0 attendu, %1 reçu</translation>
    </message>
    <message>
        <source>expected a haircut fraction from 0 up to (not including) 1, e.g. 0.05 for 5%, got %1</source>
        <translation>décote en fraction de 0 à 1 (exclu) attendue, p. ex. 0.05 pour 5 %, %1 reçu</translation>
    </message>
    <message>
        <source>expected an identifier, got nothing</source>
        <translation>identifiant attendu, rien reçu</translation>
    </message>
    <message>
        <source>the identifier &quot;%1&quot; has leading or trailing spaces</source>
        <translation>l’identifiant « %1 » commence ou finit par des espaces</translation>
    </message>
    <message>
        <source>expected true or false, got &quot;%1&quot;</source>
        <translation>true ou false attendu, « %1 » reçu</translation>
    </message>
    <message>
        <source>expected a date as YYYY-MM-DD, got nothing</source>
        <translation>date au format AAAA-MM-JJ attendue, rien reçue</translation>
    </message>
    <message>
        <source>the quantity %1 is out of range: expected less than 10^15 in magnitude</source>
        <translation>la quantité %1 est hors limites : moins de 10^15 en valeur absolue attendu</translation>
    </message>
    <message>
        <source>the price %1 is out of range: expected less than 10^12</source>
        <translation>le prix %1 est hors limites : moins de 10^12 attendu</translation>
    </message>
    <message>
        <source>the price %1 is out of range: expected at least 10^-9</source>
        <translation>le prix %1 est hors limites : au moins 10^-9 attendu</translation>
    </message>
    <message>
        <source>expected an FX rate greater than 0, got %1</source>
        <translation>cours de change supérieur à 0 attendu, %1 reçu</translation>
    </message>
    <message>
        <source>expected a three-letter ISO currency code like EUR, got &quot;%1&quot;</source>
        <translation>code devise ISO de trois lettres comme EUR attendu, « %1 » reçu</translation>
    </message>
    <message>
        <source>the identifier contains the control character U+%1 at character %2</source>
        <translation>l’identifiant contient le caractère de contrôle U+%1 au caractère %2</translation>
    </message>
    <message>
        <source>the identifier contains the noncharacter U+%1 at character %2</source>
        <translation>l’identifiant contient le non-caractère U+%1 au caractère %2</translation>
    </message>
</context>
</TS>
