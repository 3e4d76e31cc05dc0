<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AgreementsDialog</name>
    <message numerus="yes">
        <source>… and %Ln more rule(s): hover a rule to read it.</source>
        <translation>
            <numerusform>… and %Ln more rule: hover a rule to read it.</numerusform>
            <numerusform>… and %Ln more rules: hover a rule to read it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AllocationPanel</name>
    <message numerus="yes">
        <source>%Ln line(s) deliver %1 %2 of collateral value for %3 %2 asked; annual cost %4 %2</source>
        <translation>
            <numerusform>%Ln line delivers %1 %2 of collateral value for %3 %2 asked; annual cost %4 %2</numerusform>
            <numerusform>%Ln lines deliver %1 %2 of collateral value for %3 %2 asked; annual cost %4 %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (%Ln line(s) without a cost rate)</source>
        <translation>
            <numerusform> (%Ln line without a cost rate)</numerusform>
            <numerusform> (%Ln lines without a cost rate)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BatchCommands</name>
    <message numerus="yes">
        <source>%n book(s) could not be snapshotted</source>
        <translation>
            <numerusform>%n book could not be snapshotted</numerusform>
            <numerusform>%n books could not be snapshotted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>wrote %n row(s) to %1</source>
        <translation>
            <numerusform>wrote %n row to %1</numerusform>
            <numerusform>wrote %n rows to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeskStatusBar</name>
    <message numerus="yes">
        <source>Last snapshot %1 (%Ln book(s), %2)</source>
        <translation>
            <numerusform>Last snapshot %1 (%Ln book, %2)</numerusform>
            <numerusform>Last snapshot %1 (%Ln books, %2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln row(s) to %1</source>
        <translation>
            <numerusform>Exported %Ln row to %1</numerusform>
            <numerusform>Exported %Ln rows to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EndOfDayTab</name>
    <message numerus="yes">
        <source>%1 on %2: %Ln position(s) as of %3</source>
        <translation>
            <numerusform>%1 on %2: %Ln position as of %3</numerusform>
            <numerusform>%1 on %2: %Ln positions as of %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new</source>
        <comment>positions</comment>
        <translation>
            <numerusform>%Ln new</numerusform>
            <numerusform>%Ln new</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln closed</source>
        <comment>positions</comment>
        <translation>
            <numerusform>%Ln closed</numerusform>
            <numerusform>%Ln closed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln changed</source>
        <comment>positions</comment>
        <translation>
            <numerusform>%Ln changed</numerusform>
            <numerusform>%Ln changed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%Ln change(s) without reference data or FX rate left out)</source>
        <translation>
            <numerusform>(%Ln change without reference data or FX rate left out)</numerusform>
            <numerusform>(%Ln changes without reference data or FX rate left out)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportRunner</name>
    <message numerus="yes">
        <source>Exporting %Ln row(s) to %1…</source>
        <translation>
            <numerusform>Exporting %Ln row to %1…</numerusform>
            <numerusform>Exporting %Ln rows to %1…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message numerus="yes">
        <source>%Ln end-of-day snapshot(s) from %1 to %2; latest net %3, gross %4</source>
        <translation>
            <numerusform>%Ln end-of-day snapshot from %1 to %2; latest net %3, gross %4</numerusform>
            <numerusform>%Ln end-of-day snapshots from %1 to %2; latest net %3, gross %4</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%1: imported %Ln trade(s); %2 already stored, %3 repeated in the file</source>
        <translation>
            <numerusform>%1: imported %Ln trade; %2 already stored, %3 repeated in the file</numerusform>
            <numerusform>%1: imported %Ln trades; %2 already stored, %3 repeated in the file</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PositionsTab</name>
    <message numerus="yes">
        <source>(%Ln position(s) left out: no price, reference data or FX rate)</source>
        <translation>
            <numerusform>(%Ln position left out: no price, reference data or FX rate)</numerusform>
            <numerusform>(%Ln positions left out: no price, reference data or FX rate)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln open position(s); in %2: market value %3, unrealized P&amp;L %4, realized P&amp;L %5</source>
        <translation>
            <numerusform>%1: %Ln open position; in %2: market value %3, unrealized P&amp;L %4, realized P&amp;L %5</numerusform>
            <numerusform>%1: %Ln open positions; in %2: market value %3, unrealized P&amp;L %4, realized P&amp;L %5</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RankingTab</name>
    <message numerus="yes">
        <source>None of the %Ln item(s) of this ranking is eligible as collateral: nothing to chart. The table says why for each.</source>
        <translation>
            <numerusform>The only item of this ranking is not eligible as collateral: nothing to chart. The table says why.</numerusform>
            <numerusform>None of the %Ln items of this ranking is eligible as collateral: nothing to chart. The table says why for each.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %Ln item(s) cut by the %1 issuer limit</source>
        <translation>
            <numerusform> · %Ln item cut by the %1 issuer limit</numerusform>
            <numerusform> · %Ln items cut by the %1 issuer limit</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %Ln item(s) cut by the issuer limit</source>
        <translation>
            <numerusform> · %Ln item cut by the issuer limit</numerusform>
            <numerusform> · %Ln items cut by the issuer limit</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>· %Ln short position(s) of the snapshot, not collateral</source>
        <translation>
            <numerusform>· %Ln short position of the snapshot, not collateral</numerusform>
            <numerusform>· %Ln short positions of the snapshot, not collateral</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SnapshotJob</name>
    <message numerus="yes">
        <source>%1 %2: stored the snapshot of %3 (%n position(s))</source>
        <translation>
            <numerusform>%1 %2: stored the snapshot of %3 (%n position)</numerusform>
            <numerusform>%1 %2: stored the snapshot of %3 (%n positions)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 %2: replaced the day&apos;s snapshot with the one of %3 (%n position(s))</source>
        <translation>
            <numerusform>%1 %2: replaced the day&apos;s snapshot with the one of %3 (%n position)</numerusform>
            <numerusform>%1 %2: replaced the day&apos;s snapshot with the one of %3 (%n positions)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TablePanel</name>
    <message numerus="yes">
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln row</numerusform>
            <numerusform>%Ln rows</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TotalsText</name>
    <message numerus="yes">
        <source>(%Ln without a price)</source>
        <translation>
            <numerusform>(%Ln without a price)</numerusform>
            <numerusform>(%Ln without a price)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, in %2: collateral value %3, counted value %4 (%Ln ranked item(s); %5 not eligible)</source>
        <translation>
            <numerusform>%1, in %2: collateral value %3, counted value %4 (%Ln ranked item; %5 not eligible)</numerusform>
            <numerusform>%1, in %2: collateral value %3, counted value %4 (%Ln ranked items; %5 not eligible)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TradeTicketDialog</name>
    <message numerus="yes">
        <source>Back-dated: this trade is before stored end-of-day snapshots of %1, so it changes the stored end of day of %n day(s): %2.</source>
        <translation>
            <numerusform>Back-dated: this trade is before stored end-of-day snapshots of %1, so it changes the stored end of day of %n day: %2.</numerusform>
            <numerusform>Back-dated: this trade is before stored end-of-day snapshots of %1, so it changes the stored end of day of %n days: %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TradesTab</name>
    <message numerus="yes">
        <source>%1: %Ln trade(s), newest first</source>
        <translation>
            <numerusform>%1: %Ln trade, newest first</numerusform>
            <numerusform>%1: %Ln trades, newest first</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>How the position in %1 came about, trade by trade (average-cost method): after %Ln trade(s), quantity %2 at average price %3; realized P&amp;L %4 %5</source>
        <translation>
            <numerusform>How the position in %1 came about, trade by trade (average-cost method): after %Ln trade, quantity %2 at average price %3; realized P&amp;L %4 %5</numerusform>
            <numerusform>How the position in %1 came about, trade by trade (average-cost method): after %Ln trades, quantity %2 at average price %3; realized P&amp;L %4 %5</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: the newest %Ln trade(s), newest first; older ones are not listed</source>
        <translation>
            <numerusform>%1: the newest %Ln trade, newest first; older ones are not listed</numerusform>
            <numerusform>%1: the newest %Ln trades, newest first; older ones are not listed</numerusform>
        </translation>
    </message>
</context>
</TS>
