-- Projection: every journal file sent to an ERP (README "ERP journal files"), from the ErpExportRecorded events.
CREATE TABLE erp_export_log (
    erp          VARCHAR(30)  NOT NULL,
    period       CHAR(7)      NOT NULL,
    currency     CHAR(3)      NOT NULL,
    dimensions   VARCHAR(200) NOT NULL,
    sequence     INT          NOT NULL,
    kind         VARCHAR(10)  NOT NULL,
    lines        INT          NOT NULL,
    content_hash CHAR(64)     NOT NULL,
    exported_by  VARCHAR(128),
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (erp, period, currency, dimensions, sequence)
);
