<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="es_ES">
<context>
    <name />
    <message>
        <source>Show softtoken</source>
        <translation>Mostrar softtoken</translation>
    </message>
    <message>
        <source>You already have a token</source>
        <translation>Ya tiene un token</translation>
    </message>
    <message>
        <source>An activation link arrived, and this workstation already has a token. If the help desk sent you a replacement, replace your token. Add it as another token only if you were told to have more than one.</source>
        <translation>Ha llegado un enlace de activación y este equipo ya tiene un token. Si el servicio de asistencia le envió un reemplazo, reemplace su token. Añádalo como otro token solo si le indicaron que debe tener más de uno.</translation>
    </message>
    <message>
        <source>Replace my token…</source>
        <translation>Reemplazar mi token…</translation>
    </message>
    <message>
        <source>Add another token</source>
        <translation>Añadir otro token</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Replace token</source>
        <translation>Reemplazar token</translation>
    </message>
    <message>
        <source>Choose the token to replace first.</source>
        <translation>Elija primero el token que quiere reemplazar.</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>Asistencia</translation>
    </message>
    <message>
        <source>softtoken {version}</source>
        <translation>softtoken {version}</translation>
    </message>
    <message>
        <source>Something went wrong inside softtoken (a bug). Nothing was changed. Please tell your help desk what you were doing.</source>
        <translation>Algo falló dentro de softtoken (un error del programa). No se cambió nada. Cuente a su servicio de asistencia qué estaba haciendo.</translation>
    </message>
    <message>
        <source>Incorrect PIN</source>
        <translation>PIN incorrecto</translation>
    </message>
    <message>
        <source>Token cannot be used</source>
        <translation>No se puede usar el token</translation>
    </message>
    <message>
        <source>Keystore problem</source>
        <translation>Problema con el almacén de claves</translation>
    </message>
    <message>
        <source>Token vault problem</source>
        <translation>Problema con el almacén de tokens</translation>
    </message>
    <message>
        <source>Policy problem</source>
        <translation>Problema con la política</translation>
    </message>
    <message>
        <source>Cannot use this</source>
        <translation>No se puede usar</translation>
    </message>
    <message>
        <source>softtoken</source>
        <translation>softtoken</translation>
    </message>
    <message>
        <source>Serial {serial}</source>
        <translation>Número de serie {serial}</translation>
    </message>
    <message>
        <source>No serial</source>
        <translation>Sin número de serie</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>desactivado</translation>
    </message>
    <message>
        <source>waiting for network sync until {time}</source>
        <translation>esperando la sincronización con la red hasta las {time}</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>listo</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Choose a token</source>
        <translation>Elija un token</translation>
    </message>
    <message>
        <source>Your tokens</source>
        <translation>Sus tokens</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Enter your token &amp;PIN:</source>
        <translation>Introduzca el &amp;PIN del token:</translation>
    </message>
    <message>
        <source>Token PIN</source>
        <translation>PIN del token</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Desbloquear</translation>
    </message>
    <message>
        <source>Checking the PIN</source>
        <translation>Comprobando el PIN</translation>
    </message>
    <message>
        <source>Forgot PIN?</source>
        <translation>¿Olvidó el PIN?</translation>
    </message>
    <message>
        <source>Replace this token if you cannot remember its PIN</source>
        <translation>Reemplace este token si no recuerda su PIN</translation>
    </message>
    <message>
        <source>Other token</source>
        <translation>Otro token</translation>
    </message>
    <message>
        <source>{n}-digit PIN</source>
        <translation>PIN de {n} dígitos</translation>
    </message>
    <message>
        <source>Generate passcode</source>
        <translation>Generar código</translation>
    </message>
    <message>
        <source>Checking the PIN…</source>
        <translation>Comprobando el PIN…</translation>
    </message>
    <message>
        <source>Too many wrong PINs.</source>
        <translation>Demasiados PIN incorrectos.</translation>
    </message>
    <message>
        <source>Time left for this passcode</source>
        <translation>Tiempo restante de este código</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Copy the passcode; the clipboard is cleared again</source>
        <translation>Copia el código; el portapapeles se vacía después</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Bloquear</translation>
    </message>
    <message>
        <source>Passcode {digits}</source>
        <translation>Código {digits}</translation>
    </message>
    <message>
        <source>Changes in {s} s</source>
        <translation>Cambia en {s} s</translation>
    </message>
    <message>
        <source>Locks in {s} s</source>
        <translation>Se bloquea en {s} s</translation>
    </message>
    <message>
        <source>{s} seconds left</source>
        <translation>Quedan {s} segundos</translation>
    </message>
    <message>
        <source>Copied. The clipboard is cleared in {s} s.</source>
        <translation>Copiado. El portapapeles se vaciará en {s} s.</translation>
    </message>
    <message>
        <source>Passcode</source>
        <translation>Código</translation>
    </message>
    <message>
        <source>This token is disabled</source>
        <translation>Este token está desactivado</translation>
    </message>
    <message>
        <source>Replace token…</source>
        <translation>Reemplazar token…</translation>
    </message>
    <message>
        <source>Token '{name}' is disabled</source>
        <translation>El token «{name}» está desactivado</translation>
    </message>
    <message>
        <source>It was disabled after too many wrong PINs and cannot be unlocked again, by anyone.</source>
        <translation>Se desactivó tras demasiados PIN incorrectos y ya nadie puede volver a desbloquearlo.</translation>
    </message>
    <message>
        <source>Locked after {seconds} seconds without use.</source>
        <translation>Se bloqueó tras {seconds} segundos sin uso.</translation>
    </message>
    <message>
        <source>Locked after 1 minute without use.</source>
        <translation>Se bloqueó tras 1 minuto sin uso.</translation>
    </message>
    <message>
        <source>Locked after {minutes} minutes without use.</source>
        <translation>Se bloqueó tras {minutes} minutos sin uso.</translation>
    </message>
    <message>
        <source>Locked when the window was minimized.</source>
        <translation>Se bloqueó al minimizar la ventana.</translation>
    </message>
    <message>
        <source>Locked when the window was hidden.</source>
        <translation>Se bloqueó al ocultarse la ventana.</translation>
    </message>
    <message>
        <source>To get a new token, contact:</source>
        <translation>Para obtener un token nuevo, póngase en contacto con:</translation>
    </message>
    <message>
        <source>To get a new token, ask your help desk for a new activation.</source>
        <translation>Para obtener un token nuevo, pida una nueva activación a su servicio de asistencia.</translation>
    </message>
    <message>
        <source>Help desk contact</source>
        <translation>Contacto del servicio de asistencia</translation>
    </message>
    <message>
        <source>softtoken cannot open your tokens</source>
        <translation>softtoken no puede abrir sus tokens</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Restore the previous version…</source>
        <translation>Restaurar la versión anterior…</translation>
    </message>
    <message>
        <source>Opening your tokens…</source>
        <translation>Abriendo sus tokens…</translation>
    </message>
    <message>
        <source>&amp;Token</source>
        <translation>&amp;Token</translation>
    </message>
    <message>
        <source>&amp;Add a token…</source>
        <translation>&amp;Añadir un token…</translation>
    </message>
    <message>
        <source>&amp;Replace token…</source>
        <translation>&amp;Reemplazar token…</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Bloquear</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>&amp;Support card…</source>
        <translation>&amp;Ficha de asistencia…</translation>
    </message>
    <message>
        <source>Restore the previous version</source>
        <translation>Restaurar la versión anterior</translation>
    </message>
    <message>
        <source>softtoken keeps the previous version of your token vault. Restoring it replaces the damaged file (which is kept aside for your help desk). Restore it now?</source>
        <translation>softtoken guarda la versión anterior de su almacén de tokens. Al restaurarla se reemplaza el archivo dañado (que se guarda aparte para su servicio de asistencia). ¿Restaurarla ahora?</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurar</translation>
    </message>
    <message>
        <source>The audit log could not be written; tell your help desk.</source>
        <translation>No se pudo escribir el registro de auditoría; avise a su servicio de asistencia.</translation>
    </message>
</context>
<context>
    <name>ActivationWizard</name>
    <message>
        <source>four</source>
        <translation>cuatro</translation>
    </message>
    <message>
        <source>five</source>
        <translation>cinco</translation>
    </message>
    <message>
        <source>six</source>
        <translation>seis</translation>
    </message>
    <message>
        <source>seven</source>
        <translation>siete</translation>
    </message>
    <message>
        <source>eight</source>
        <translation>ocho</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>time-based token (TOTP), a new {digits}-digit code every {period} seconds</source>
        <translation>token por tiempo (TOTP), un código nuevo de {digits} dígitos cada {period} segundos</translation>
    </message>
    <message>
        <source>counter-based token (HOTP), {digits}-digit codes</source>
        <translation>token por contador (HOTP), códigos de {digits} dígitos</translation>
    </message>
    <message>
        <source>issuer {issuer}</source>
        <translation>emisor {issuer}</translation>
    </message>
    <message>
        <source>account {account}</source>
        <translation>cuenta {account}</translation>
    </message>
    <message>
        <source>serial {serial}</source>
        <translation>número de serie {serial}</translation>
    </message>
    <message>
        <source>{kind}; {details}</source>
        <translation>{kind}; {details}</translation>
    </message>
    <message>
        <source>(two-step activation: at the end you get a code to type into the issuer's page)</source>
        <translation>(activación en dos pasos: al final recibirá un código para escribir en la página del emisor)</translation>
    </message>
    <message>
        <source>not linked to an issuer serial — ask your help desk if they expect one</source>
        <translation>no está vinculado a un número de serie del emisor: pregunte a su servicio de asistencia si esperan uno</translation>
    </message>
    <message>
        <source>Step 1 of 4: Activate your token</source>
        <translation>Paso 1 de 4: Active su token</translation>
    </message>
    <message>
        <source>Paste the link from the issuer's e-mail, or open the QR code or key file you got.</source>
        <translation>Pegue el enlace del correo del emisor, o abra el código QR o el archivo de clave que recibió.</translation>
    </message>
    <message>
        <source>Activation link (starts with otpauth://):</source>
        <translation>Enlace de activación (empieza por otpauth://):</translation>
    </message>
    <message>
        <source>Open QR image…</source>
        <translation>Abrir imagen QR…</translation>
    </message>
    <message>
        <source>Open QR image</source>
        <translation>Abrir imagen QR</translation>
    </message>
    <message>
        <source>Choose a saved picture or screenshot of the QR code.</source>
        <translation>Elija una foto o captura de pantalla guardada del código QR.</translation>
    </message>
    <message>
        <source>Scan QR code on screen</source>
        <translation>Escanear código QR en pantalla</translation>
    </message>
    <message>
        <source>Reads a QR code that is visible on your screen now, for example in the issuer's web page. Move this window aside so the whole code can be seen.</source>
        <translation>Lee un código QR visible ahora en su pantalla, por ejemplo en la página web del emisor. Aparte esta ventana para que se vea el código completo.</translation>
    </message>
    <message>
        <source>Open key file (PSKC)…</source>
        <translation>Abrir archivo de clave (PSKC)…</translation>
    </message>
    <message>
        <source>Open key file (PSKC)</source>
        <translation>Abrir archivo de clave (PSKC)</translation>
    </message>
    <message>
        <source>Choose the PSKC key file the token vendor sent.</source>
        <translation>Elija el archivo de clave PSKC que envió el proveedor del token.</translation>
    </message>
    <message>
        <source>This holds several tokens. Activate:</source>
        <translation>Contiene varios tokens. Activar:</translation>
    </message>
    <message>
        <source>Token to activate</source>
        <translation>Token que se activará</translation>
    </message>
    <message>
        <source>Token found</source>
        <translation>Token encontrado</translation>
    </message>
    <message>
        <source>Paste the link here (Ctrl+V). You may paste the whole e-mail.
Then press Ctrl+Enter, or Tab to the buttons.</source>
        <translation>Pegue aquí el enlace (Ctrl+V). Puede pegar el correo entero.
Luego pulse Ctrl+Intro, o Tab para ir a los botones.</translation>
    </message>
    <message>
        <source>Activation link</source>
        <translation>Enlace de activación</translation>
    </message>
    <message>
        <source>Paste the activation link or the whole e-mail. Enter starts a new line; press Ctrl+Enter to go to the next step, or Tab to leave the box.</source>
        <translation>Pegue el enlace de activación o el correo entero. Intro empieza una línea nueva; pulse Ctrl+Intro para ir al paso siguiente, o Tab para salir del cuadro.</translation>
    </message>
    <message>
        <source>Found in {origin}: {token}.</source>
        <translation>Encontrado en {origin}: {token}.</translation>
    </message>
    <message>
        <source>Found: {token}.</source>
        <translation>Encontrado: {token}.</translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg *.gif *.bmp *.webp);;All files (*)</source>
        <translation>Imágenes (*.png *.jpg *.jpeg *.gif *.bmp *.webp);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Key files (*.pskc *.pskcxml *.xml);;All files (*)</source>
        <translation>Archivos de clave (*.pskc *.pskcxml *.xml);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Key file password</source>
        <translation>Contraseña del archivo de clave</translation>
    </message>
    <message>
        <source>This key file is protected by a password. Enter the password the vendor sent with it:</source>
        <translation>Este archivo de clave está protegido con una contraseña. Introduzca la contraseña que envió el proveedor:</translation>
    </message>
    <message>
        <source>Key file key</source>
        <translation>Clave del archivo de clave</translation>
    </message>
    <message>
        <source>This key file is locked with a key the vendor sent separately. Type its 32 hex digits (0-9 and A-F):</source>
        <translation>Este archivo de clave está cerrado con una clave que el proveedor envió aparte. Escriba sus 32 dígitos hexadecimales (0-9 y A-F):</translation>
    </message>
    <message>
        <source>a QR code on the screen</source>
        <translation>un código QR en la pantalla</translation>
    </message>
    <message>
        <source>Step 2 of 4: Name your token</source>
        <translation>Paso 2 de 4: Ponga nombre a su token</translation>
    </message>
    <message>
        <source>Enter a name and click the Activate button.</source>
        <translation>Escriba un nombre y pulse el botón Activar.</translation>
    </message>
    <message>
        <source>Activate</source>
        <translation>Activar</translation>
    </message>
    <message>
        <source>The name tells your tokens apart, for you and for your help desk. Use at most {max} characters.</source>
        <translation>El nombre distingue sus tokens, para usted y para su servicio de asistencia. Use como máximo {max} caracteres.</translation>
    </message>
    <message>
        <source>Token name</source>
        <translation>Nombre del token</translation>
    </message>
    <message>
        <source>At most {max} characters.</source>
        <translation>Como máximo {max} caracteres.</translation>
    </message>
    <message>
        <source>Token &amp;name:</source>
        <translation>&amp;Nombre del token:</translation>
    </message>
    <message>
        <source>Step 3 of 4: Set your token PIN</source>
        <translation>Paso 3 de 4: Elija el PIN de su token</translation>
    </message>
    <message>
        <source>Click Continue to complete your token set up.</source>
        <translation>Pulse Continuar para terminar de configurar su token.</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <source>This is a {words}-digit code that you'll need to enter each time you use your soft token, so choose something that you'll remember. Avoid easy PINs such as 1234 or your birth year.</source>
        <translation>Es un código de {words} dígitos que tendrá que introducir cada vez que use su token de software, así que elija algo que recuerde. Evite PIN fáciles como 1234 o su año de nacimiento.</translation>
    </message>
    <message>
        <source>{n} digits.</source>
        <translation>{n} dígitos.</translation>
    </message>
    <message>
        <source>New token PIN</source>
        <translation>PIN nuevo del token</translation>
    </message>
    <message>
        <source>Type the PIN again</source>
        <translation>Escriba el PIN otra vez</translation>
    </message>
    <message>
        <source>&amp;Show PIN</source>
        <translation>&amp;Mostrar PIN</translation>
    </message>
    <message>
        <source>Show PIN</source>
        <translation>Mostrar PIN</translation>
    </message>
    <message>
        <source>Shows the digits you type. Make sure nobody is watching.</source>
        <translation>Muestra los dígitos que escribe. Asegúrese de que nadie esté mirando.</translation>
    </message>
    <message>
        <source>&amp;PIN:</source>
        <translation>&amp;PIN:</translation>
    </message>
    <message>
        <source>&amp;Type it again:</source>
        <translation>&amp;Repítalo:</translation>
    </message>
    <message>
        <source>Activating</source>
        <translation>Activando</translation>
    </message>
    <message>
        <source>Activating…</source>
        <translation>Activando…</translation>
    </message>
    <message>
        <source>Step 4 of 4: Done</source>
        <translation>Paso 4 de 4: Listo</translation>
    </message>
    <message>
        <source>Your soft token is set up.</source>
        <translation>Su token de software está configurado.</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>Número de serie</translation>
    </message>
    <message>
        <source>Token name:</source>
        <translation>Nombre del token:</translation>
    </message>
    <message>
        <source>Serial number:</source>
        <translation>Número de serie:</translation>
    </message>
    <message>
        <source>To finish, type this activation code into the issuer's page:</source>
        <translation>Para terminar, escriba este código de activación en la página del emisor:</translation>
    </message>
    <message>
        <source>Activation code</source>
        <translation>Código de activación</translation>
    </message>
    <message>
        <source>Type this code into the issuer's page to finish.</source>
        <translation>Escriba este código en la página del emisor para terminar.</translation>
    </message>
    <message>
        <source>If the issuer's page asks for a passcode to confirm the activation, click Finish and enter your PIN to see one.</source>
        <translation>Si la página del emisor pide un código para confirmar la activación, pulse Finalizar e introduzca su PIN para ver uno.</translation>
    </message>
    <message>
        <source>Your token is now linked to your account and ready for use.</source>
        <translation>Su token ya está vinculado a su cuenta y listo para usarse.</translation>
    </message>
    <message>
        <source>Your token is now linked to your account and will automatically be activated for use after syncing with the network, which may take up to {minutes} minutes (about {time}).</source>
        <translation>Su token ya está vinculado a su cuenta y se activará automáticamente para su uso tras sincronizarse con la red, lo que puede tardar hasta {minutes} minutos (hacia las {time}).</translation>
    </message>
    <message>
        <source>Activate your soft token</source>
        <translation>Active su token de software</translation>
    </message>
</context>
<context>
    <name>ReplacementWizard</name>
    <message>
        <source>Step 1 of 5: Why are you replacing this token?</source>
        <translation>Paso 1 de 5: ¿Por qué reemplaza este token?</translation>
    </message>
    <message>
        <source>Token: {name}</source>
        <translation>Token: {name}</translation>
    </message>
    <message>
        <source>Lost or stolen device</source>
        <translation>Dispositivo perdido o robado</translation>
    </message>
    <message>
        <source>Forgot my PIN</source>
        <translation>Olvidé mi PIN</translation>
    </message>
    <message>
        <source>Token locked out</source>
        <translation>Token bloqueado</translation>
    </message>
    <message>
        <source>The help desk sent me a new token</source>
        <translation>El servicio de asistencia me envió un token nuevo</translation>
    </message>
    <message>
        <source>Moving to a new workstation</source>
        <translation>Me cambio a otro equipo</translation>
    </message>
    <message>
        <source>Report the loss to your practice's EPCS administrators now: the rules say within one business day. Then ask the issuer for a new activation; the old token stops working on this workstation as soon as the new one is set up, and the issuer must revoke it.</source>
        <translation>Comunique la pérdida ahora a los administradores de EPCS de su consulta: las normas piden hacerlo en un día hábil. Luego pida una nueva activación al emisor; el token antiguo deja de funcionar en este equipo en cuanto se configure el nuevo, y el emisor debe revocarlo.</translation>
    </message>
    <message>
        <source>A forgotten PIN cannot be recovered or reset. Ask the issuer for a new activation; you will choose a new PIN. The old token stops working on this workstation.</source>
        <translation>Un PIN olvidado no se puede recuperar ni restablecer. Pida una nueva activación al emisor; elegirá un PIN nuevo. El token antiguo deja de funcionar en este equipo.</translation>
    </message>
    <message>
        <source>A token locked after too many wrong PINs cannot be unlocked again. Ask the issuer for a new activation; you will choose a new PIN.</source>
        <translation>Un token bloqueado por demasiados PIN incorrectos no se puede volver a desbloquear. Pida una nueva activación al emisor; elegirá un PIN nuevo.</translation>
    </message>
    <message>
        <source>Use the new activation link, QR code or key file the help desk sent. The old token stops working on this workstation; you do not need its PIN.</source>
        <translation>Use el nuevo enlace de activación, código QR o archivo de clave que envió el servicio de asistencia. El token antiguo deja de funcionar en este equipo; no necesita su PIN.</translation>
    </message>
    <message>
        <source>The token cannot be copied to another computer. It will be removed from this workstation; then ask the issuer for a new activation on the new workstation.</source>
        <translation>El token no se puede copiar a otro equipo. Se eliminará de este equipo; luego pida al emisor una nueva activación en el equipo nuevo.</translation>
    </message>
    <message>
        <source>I have reported the loss to my practice's EPCS administrators</source>
        <translation>He comunicado la pérdida a los administradores de EPCS de mi consulta</translation>
    </message>
    <message>
        <source>Help desk: {contact}</source>
        <translation>Servicio de asistencia: {contact}</translation>
    </message>
    <message>
        <source>Step 2 of 2: Remove the token from this workstation</source>
        <translation>Paso 2 de 2: Eliminar el token de este equipo</translation>
    </message>
    <message>
        <source>The token '{name}' will be destroyed on this workstation and cannot be brought back. Its seed is never exported. On the new workstation, ask the issuer for a new activation.</source>
        <translation>El token «{name}» se destruirá en este equipo y no se podrá recuperar. Su semilla nunca se exporta. En el equipo nuevo, pida al emisor una nueva activación.</translation>
    </message>
    <message>
        <source>I understand: this token will stop working here for good</source>
        <translation>Entiendo: este token dejará de funcionar aquí para siempre</translation>
    </message>
    <message>
        <source>Remove token</source>
        <translation>Eliminar token</translation>
    </message>
    <message>
        <source>Remove the token</source>
        <translation>Eliminar el token</translation>
    </message>
    <message>
        <source>Remove token '{name}' from this workstation now? This cannot be undone.</source>
        <translation>¿Eliminar ahora el token «{name}» de este equipo? No se puede deshacer.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Done: the token was removed</source>
        <translation>Listo: el token se eliminó</translation>
    </message>
    <message>
        <source>The token no longer exists on this workstation. On your new workstation, open softtoken and use the new activation from your issuer. Ask the issuer to revoke the old token.</source>
        <translation>El token ya no existe en este equipo. En su equipo nuevo, abra softtoken y use la nueva activación de su emisor. Pida al emisor que revoque el token antiguo.</translation>
    </message>
    <message>
        <source>Step 5 of 5: Done</source>
        <translation>Paso 5 de 5: Listo</translation>
    </message>
    <message>
        <source>Your new soft token is set up.</source>
        <translation>Su nuevo token de software está configurado.</translation>
    </message>
    <message>
        <source>The old token '{name}' (serial {serial}) no longer works on this workstation. The issuer must revoke it: tell your help desk if they did not send this replacement.</source>
        <translation>El token antiguo «{name}» (número de serie {serial}) ya no funciona en este equipo. El emisor debe revocarlo: avise a su servicio de asistencia si no fue él quien envió este reemplazo.</translation>
    </message>
    <message>
        <source>Replace your soft token</source>
        <translation>Reemplace su token de software</translation>
    </message>
    <message>
        <source>Step 2 of 5: Activate the new token</source>
        <translation>Paso 2 de 5: Active el token nuevo</translation>
    </message>
    <message>
        <source>Paste the new link from the issuer, or open the new QR code or key file.</source>
        <translation>Pegue el nuevo enlace del emisor, o abra el nuevo código QR o archivo de clave.</translation>
    </message>
    <message>
        <source>Step 3 of 5: Name your token</source>
        <translation>Paso 3 de 5: Ponga nombre a su token</translation>
    </message>
    <message>
        <source>Step 4 of 5: Set your new token PIN</source>
        <translation>Paso 4 de 5: Elija el PIN de su token nuevo</translation>
    </message>
</context>
<context>
    <name>ActivationWizard</name>
    <!-- flows (issue 12) -->
    <message>
        <source>Passcode {digits}</source>
        <translation>Código {digits}</translation>
    </message>
    <message>
        <source>Changes in {s} s</source>
        <translation>Cambia en {s} s</translation>
    </message>
    <message>
        <source>Hidden in {s} s</source>
        <translation>Se oculta en {s} s</translation>
    </message>
    <message>
        <source>That passcode expired. Enter your PIN for a new one.</source>
        <translation>Ese código ha caducado. Introduzca su PIN para obtener otro.</translation>
    </message>
    <message>
        <source>Link read; its secret is hidden. Paste another link to replace it.</source>
        <translation>Enlace leído; su secreto está oculto. Pegue otro enlace para reemplazarlo.</translation>
    </message>
</context>
<context>
    <name></name>
    <!-- flows (issue 12) -->
    <message>
        <source>Which token does the new activation replace?</source>
        <translation>¿Qué token reemplaza la nueva activación?</translation>
    </message>
</context>
<context>
    <name>qr_scan</name>
    <message>
        <source>Screen capture is not available on this desktop (some Wayland sessions do not allow it). Save the QR code as a picture and use “Open QR image…”, or paste the activation link instead.</source>
        <translation>La captura de pantalla no está disponible en este escritorio (algunas sesiones Wayland no la permiten). Guarde el código QR como imagen y use «Abrir imagen QR…», o pegue el enlace de activación.</translation>
    </message>
    <message>
        <source>No QR code was visible on the screen. Make sure the whole code is visible and not covered by another window (move this window aside), then try again.</source>
        <translation>No se veía ningún código QR en la pantalla. Asegúrese de que el código completo esté visible y no tapado por otra ventana (aparte esta ventana) y vuelva a intentarlo.</translation>
    </message>
</context>
<context>
    <name>launch</name>
    <message>
        <source>no graphical display: run it from your desktop session, or use softtoken-cli</source>
        <translation>no hay pantalla gráfica: ábralo desde su sesión de escritorio, o use softtoken-cli</translation>
    </message>
</context>
<context>
    <name>SupportDialog</name>
    <message>
        <source>Support card</source>
        <translation>Ficha de asistencia</translation>
    </message>
    <message>
        <source>Read this to your help desk or send it: it never contains your seed, your PIN or a passcode.</source>
        <translation>Léala a su servicio de asistencia o envíela: nunca contiene su semilla, su PIN ni un código.</translation>
    </message>
    <message>
        <source>Support information</source>
        <translation>Información de asistencia</translation>
    </message>
    <message>
        <source>Check the clock</source>
        <translation>Comprobar el reloj</translation>
    </message>
    <message>
        <source>Copy support info</source>
        <translation>Copiar la información</translation>
    </message>
    <message>
        <source>Save support bundle…</source>
        <translation>Guardar paquete de asistencia…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Collecting…</source>
        <translation>Recopilando…</translation>
    </message>
    <message>
        <source>Checking the clock…</source>
        <translation>Comprobando el reloj…</translation>
    </message>
    <message>
        <source>Copied. Paste it into your message to the help desk.</source>
        <translation>Copiado. Péguelo en su mensaje al servicio de asistencia.</translation>
    </message>
    <message>
        <source>Save support bundle</source>
        <translation>Guardar paquete de asistencia</translation>
    </message>
    <message>
        <source>Zip files (*.zip)</source>
        <translation>Archivos zip (*.zip)</translation>
    </message>
    <message>
        <source>Saved to {path}.</source>
        <translation>Guardado en {path}.</translation>
    </message>
    <message>
        <source>Show details</source>
        <translation>Mostrar detalles</translation>
    </message>
    <message>
        <source>Hide details</source>
        <translation>Ocultar detalles</translation>
    </message>
    <message>
        <source>Technical details</source>
        <translation>Detalles técnicos</translation>
    </message>
</context>
<context>
    <name>support_card</name>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>listo</translation>
    </message>
    <message>
        <source>disabled: replace it to continue</source>
        <translation>desactivado: reemplácelo para continuar</translation>
    </message>
    <message>
        <source>a file (weaker: admin policy)</source>
        <translation>un archivo (más débil: política del administrador)</translation>
    </message>
    <message>
        <source>the Secret Service</source>
        <translation>el Secret Service</translation>
    </message>
    <message>
        <source>Clock: no time server set, so softtoken cannot check it. Compare this computer's time with your phone; your administrator can set a time server (ntp_server) in the policy.</source>
        <translation>Reloj: no hay servidor de hora configurado, así que softtoken no puede comprobarlo. Compare la hora de este equipo con la de su teléfono; su administrador puede configurar un servidor de hora (ntp_server) en la política.</translation>
    </message>
    <message>
        <source>Tokens: cannot be read (the problem is on this card).</source>
        <translation>Tokens: no se pueden leer (el problema figura en esta ficha).</translation>
    </message>
    <message>
        <source>Tokens: none on this computer yet.</source>
        <translation>Tokens: todavía ninguno en este equipo.</translation>
    </message>
    <message>
        <source>Token {number}: {name}</source>
        <translation>Token {number}: {name}</translation>
    </message>
    <message>
        <source>Account: {account}</source>
        <translation>Cuenta: {account}</translation>
    </message>
    <message>
        <source>Issuer: {issuer}</source>
        <translation>Emisor: {issuer}</translation>
    </message>
    <message>
        <source>Serial: {serial}</source>
        <translation>Número de serie: {serial}</translation>
    </message>
    <message>
        <source>Serial: none (not linked to an issuer serial)</source>
        <translation>Número de serie: ninguno (no vinculado a un número de serie del emisor)</translation>
    </message>
    <message>
        <source>State: {state}</source>
        <translation>Estado: {state}</translation>
    </message>
    <message>
        <source>State: waiting for network sync until {when}</source>
        <translation>Estado: esperando la sincronización con la red hasta {when}</translation>
    </message>
    <message>
        <source>Attempts left: {left} of {limit}</source>
        <translation>Intentos restantes: {left} de {limit}</translation>
    </message>
    <message>
        <source>Next PIN try allowed in {minutes} min {seconds} s</source>
        <translation>Próximo intento de PIN permitido dentro de {minutes} min {seconds} s</translation>
    </message>
    <message>
        <source>Activated: {when}</source>
        <translation>Activado: {when}</translation>
    </message>
    <message>
        <source>Last used: {when}</source>
        <translation>Último uso: {when}</translation>
    </message>
    <message>
        <source>Last used: never</source>
        <translation>Último uso: nunca</translation>
    </message>
    <message>
        <source>Earlier token {name} (serial {serial}): replaced {when} ({reason})</source>
        <translation>Token anterior {name} (número de serie {serial}): reemplazado el {when} ({reason})</translation>
    </message>
    <message>
        <source>Earlier token {name} (serial {serial}): removed {when} ({reason})</source>
        <translation>Token anterior {name} (número de serie {serial}): retirado el {when} ({reason})</translation>
    </message>
    <message>
        <source>This computer's time: {time} ({offset})</source>
        <translation>Hora de este equipo: {time} ({offset})</translation>
    </message>
    <message>
        <source>Clock: not checked yet against {server}.</source>
        <translation>Reloj: todavía no comprobado con {server}.</translation>
    </message>
    <message>
        <source>Clock: could not be checked against {server} (no answer, {when}).</source>
        <translation>Reloj: no se pudo comprobar con {server} (sin respuesta, {when}).</translation>
    </message>
    <message>
        <source>Clock: right, within {seconds} s of {server} (checked {when}).</source>
        <translation>Reloj: correcto, a menos de {seconds} s de {server} (comprobado el {when}).</translation>
    </message>
    <message>
        <source>Clock: {seconds} s fast against {server} (checked {when}): passcodes may be rejected.</source>
        <translation>Reloj: {seconds} s adelantado respecto a {server} (comprobado el {when}): es posible que se rechacen los códigos.</translation>
    </message>
    <message>
        <source>Clock: {seconds} s slow against {server} (checked {when}): passcodes may be rejected.</source>
        <translation>Reloj: {seconds} s atrasado respecto a {server} (comprobado el {when}): es posible que se rechacen los códigos.</translation>
    </message>
    <message>
        <source>Clock: {seconds} s fast against {server} (checked {when}): passcodes will be rejected. Ask your IT department to set the clock (turn on automatic time).</source>
        <translation>Reloj: {seconds} s adelantado respecto a {server} (comprobado el {when}): se rechazarán los códigos. Pida a su departamento de informática que ajuste el reloj (que active la hora automática).</translation>
    </message>
    <message>
        <source>Clock: {seconds} s slow against {server} (checked {when}): passcodes will be rejected. Ask your IT department to set the clock (turn on automatic time).</source>
        <translation>Reloj: {seconds} s atrasado respecto a {server} (comprobado el {when}): se rechazarán los códigos. Pida a su departamento de informática que ajuste el reloj (que active la hora automática).</translation>
    </message>
    <message>
        <source>Keystore: {keystore}</source>
        <translation>Almacén de claves: {keystore}</translation>
    </message>
    <message>
        <source>Keystore: {problem}</source>
        <translation>Almacén de claves: {problem}</translation>
    </message>
    <message>
        <source>Keystore: unknown (the problem is on this card).</source>
        <translation>Almacén de claves: desconocido (el problema figura en esta ficha).</translation>
    </message>
    <message>
        <source>Help desk contact: {contact}</source>
        <translation>Contacto del servicio de asistencia: {contact}</translation>
    </message>
    <message>
        <source>Audit log: FAILED verification; tell your help desk (see Details).</source>
        <translation>Registro de auditoría: la verificación FALLÓ; avise a su servicio de asistencia (vea Detalles).</translation>
    </message>
    <message>
        <source>Problem: {problem}</source>
        <translation>Problema: {problem}</translation>
    </message>
    <message>
        <source>softtoken {softtoken}, Python {python}, Qt {qt}, PySide6 {pyside6}</source>
        <translation>softtoken {softtoken}, Python {python}, Qt {qt}, PySide6 {pyside6}</translation>
    </message>
    <message>
        <source>softtoken {softtoken}, Python {python}</source>
        <translation>softtoken {softtoken}, Python {python}</translation>
    </message>
    <message>
        <source>Platform: {os}</source>
        <translation>Plataforma: {os}</translation>
    </message>
    <message>
        <source>Keystore backend: {backend}</source>
        <translation>Módulo del almacén de claves: {backend}</translation>
    </message>
    <message>
        <source>Data directory: {path}</source>
        <translation>Carpeta de datos: {path}</translation>
    </message>
    <message>
        <source>Vault: none yet</source>
        <translation>Almacén de tokens: todavía ninguno</translation>
    </message>
    <message>
        <source>Vault: format {version}</source>
        <translation>Almacén de tokens: formato {version}</translation>
    </message>
    <message>
        <source>Vault: format {version}; the vault file is missing, its backup is there</source>
        <translation>Almacén de tokens: formato {version}; falta el archivo, su copia de seguridad está</translation>
    </message>
    <message>
        <source>Policy: {source}</source>
        <translation>Política: {source}</translation>
    </message>
    <message>
        <source>Policy: none (defaults)</source>
        <translation>Política: ninguna (valores predeterminados)</translation>
    </message>
    <message>
        <source>Audit log: intact, {records} records</source>
        <translation>Registro de auditoría: intacto, {records} registros</translation>
    </message>
    <message>
        <source>Audit log: FAILED: {problem}</source>
        <translation>Registro de auditoría: FALLÓ: {problem}</translation>
    </message>
    <message>
        <source>Audit log: {note}</source>
        <translation>Registro de auditoría: {note}</translation>
    </message>
    <message>
        <source>Token {number}: {type} {algorithm}, {digits} digits, every {period} s; PIN {pin} digits; key protection {kdf}</source>
        <translation>Token {number}: {type} {algorithm}, {digits} dígitos, cada {period} s; PIN de {pin} dígitos; protección de la clave {kdf}</translation>
    </message>
    <message>
        <source>Token {number}: {type} {algorithm}, {digits} digits; PIN {pin} digits; key protection {kdf}</source>
        <translation>Token {number}: {type} {algorithm}, {digits} dígitos; PIN de {pin} dígitos; protección de la clave {kdf}</translation>
    </message>
    <message>
        <source>Card made: {when} UTC</source>
        <translation>Ficha hecha: {when} UTC</translation>
    </message>
    <message>
        <source>Lost or stolen device</source>
        <translation>Dispositivo perdido o robado</translation>
    </message>
    <message>
        <source>Forgot my PIN</source>
        <translation>Olvidé mi PIN</translation>
    </message>
    <message>
        <source>Token locked out</source>
        <translation>Token bloqueado</translation>
    </message>
    <message>
        <source>The help desk sent me a new token</source>
        <translation>El servicio de asistencia me envió un token nuevo</translation>
    </message>
    <message>
        <source>Moving to a new workstation</source>
        <translation>Me cambio a otro equipo</translation>
    </message>
</context>
<context>
    <name>ActivationWizard</name>
    <message>
        <source>Passcode</source>
        <translation>Código</translation>
    </message>
    <message>
        <source>Keystore problem</source>
        <translation>Problema con el almacén de claves</translation>
    </message>
    <message>
        <source>Token PIN</source>
        <translation>PIN del token</translation>
    </message>
    <message>
        <source>Show a passcode</source>
        <translation>Mostrar un código</translation>
    </message>
    <message>
        <source>If the issuer's page asks for a passcode to confirm the activation, enter your new PIN here and type the passcode shown into that page.</source>
        <translation>Si la página del emisor pide un código para confirmar la activación, introduzca aquí su PIN nuevo y escriba el código que aparece en esa página.</translation>
    </message>
    <message>
        <source>Your token is ready for use, but it is not linked to an issuer serial — ask your help desk if they expect one.</source>
        <translation>Su token está listo para usarse, pero no está vinculado a un número de serie del emisor: pregunte a su servicio de asistencia si esperan uno.</translation>
    </message>
    <message>
        <source>Your token is not linked to an issuer serial — ask your help desk if they expect one. It will automatically be activated for use after syncing with the network, which may take up to {minutes} minutes (about {time}).</source>
        <translation>Su token no está vinculado a un número de serie del emisor: pregunte a su servicio de asistencia si esperan uno. Se activará automáticamente para su uso tras sincronizarse con la red, lo que puede tardar hasta {minutes} minutos (hacia las {time}).</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>{left} attempts left before this token is disabled.</source>
        <translation>Quedan {left} intentos antes de que este token se desactive.</translation>
    </message>
    <message>
        <source>1 attempt left: the next wrong PIN disables this token.</source>
        <translation>Queda 1 intento: el próximo PIN incorrecto desactiva este token.</translation>
    </message>
    <message>
        <source>Try again in {seconds} s.</source>
        <translation>Vuelva a intentarlo en {seconds} s.</translation>
    </message>
    <message>
        <source>Try again in {minutes} min.</source>
        <translation>Vuelva a intentarlo en {minutes} min.</translation>
    </message>
    <message>
        <source>Try again in {minutes} min {seconds} s.</source>
        <translation>Vuelva a intentarlo en {minutes} min {seconds} s.</translation>
    </message>
    <message>
        <source>Incorrect PIN. 1 attempt left: the next wrong PIN disables this token.</source>
        <translation>PIN incorrecto. Queda 1 intento: el próximo PIN incorrecto desactiva este token.</translation>
    </message>
    <message>
        <source>Incorrect PIN. 1 attempt left: the next wrong PIN disables this token. Try again in {seconds} s.</source>
        <translation>PIN incorrecto. Queda 1 intento: el próximo PIN incorrecto desactiva este token. Vuelva a intentarlo en {seconds} s.</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in {seconds} s. 1 attempt left: the next wrong PIN disables this token.</source>
        <translation>Demasiados PIN incorrectos. Vuelva a intentarlo en {seconds} s. Queda 1 intento: el próximo PIN incorrecto desactiva este token.</translation>
    </message>
    <message>
        <source>Incorrect PIN. 1 attempt left: the next wrong PIN disables this token. Try again in {minutes} min.</source>
        <translation>PIN incorrecto. Queda 1 intento: el próximo PIN incorrecto desactiva este token. Vuelva a intentarlo en {minutes} min.</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in {minutes} min. 1 attempt left: the next wrong PIN disables this token.</source>
        <translation>Demasiados PIN incorrectos. Vuelva a intentarlo en {minutes} min. Queda 1 intento: el próximo PIN incorrecto desactiva este token.</translation>
    </message>
    <message>
        <source>Incorrect PIN. 1 attempt left: the next wrong PIN disables this token. Try again in {minutes} min {seconds} s.</source>
        <translation>PIN incorrecto. Queda 1 intento: el próximo PIN incorrecto desactiva este token. Vuelva a intentarlo en {minutes} min {seconds} s.</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in {minutes} min {seconds} s. 1 attempt left: the next wrong PIN disables this token.</source>
        <translation>Demasiados PIN incorrectos. Vuelva a intentarlo en {minutes} min {seconds} s. Queda 1 intento: el próximo PIN incorrecto desactiva este token.</translation>
    </message>
    <message>
        <source>Incorrect PIN. {left} attempts left before this token is disabled. Try again in {seconds} s.</source>
        <translation>PIN incorrecto. Quedan {left} intentos antes de que este token se desactive. Vuelva a intentarlo en {seconds} s.</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in {seconds} s. {left} attempts left before this token is disabled.</source>
        <translation>Demasiados PIN incorrectos. Vuelva a intentarlo en {seconds} s. Quedan {left} intentos antes de que este token se desactive.</translation>
    </message>
    <message>
        <source>Incorrect PIN. {left} attempts left before this token is disabled. Try again in {minutes} min.</source>
        <translation>PIN incorrecto. Quedan {left} intentos antes de que este token se desactive. Vuelva a intentarlo en {minutes} min.</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in {minutes} min. {left} attempts left before this token is disabled.</source>
        <translation>Demasiados PIN incorrectos. Vuelva a intentarlo en {minutes} min. Quedan {left} intentos antes de que este token se desactive.</translation>
    </message>
    <message>
        <source>Incorrect PIN. {left} attempts left before this token is disabled. Try again in {minutes} min {seconds} s.</source>
        <translation>PIN incorrecto. Quedan {left} intentos antes de que este token se desactive. Vuelva a intentarlo en {minutes} min {seconds} s.</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in {minutes} min {seconds} s. {left} attempts left before this token is disabled.</source>
        <translation>Demasiados PIN incorrectos. Vuelva a intentarlo en {minutes} min {seconds} s. Quedan {left} intentos antes de que este token se desactive.</translation>
    </message>
    <message>
        <source>Enter your {length}-digit token PIN.</source>
        <translation>Introduzca el PIN de {length} dígitos del token.</translation>
    </message>
    <message>
        <source>Incorrect PIN. {left} attempts left before this token is disabled.</source>
        <translation>PIN incorrecto. Quedan {left} intentos antes de que este token se desactive.</translation>
    </message>
    <message>
        <source>Incorrect PIN. Token '{name}' is now disabled after {failures} wrong PINs. Replace it to continue.</source>
        <translation>PIN incorrecto. El token «{name}» se ha desactivado tras {failures} PIN incorrectos. Reemplácelo para continuar.</translation>
    </message>
    <message>
        <source>Token '{name}' can no longer be used: its key is gone from the system keystore. Replace the token.</source>
        <translation>El token «{name}» ya no se puede usar: su clave ya no está en el almacén de claves del sistema. Reemplace el token.</translation>
    </message>
    <message>
        <source>Token '{name}' was disabled after too many wrong PINs. Replace it to get a new token.</source>
        <translation>El token «{name}» se desactivó tras demasiados PIN incorrectos. Reemplácelo para obtener un token nuevo.</translation>
    </message>
    <message>
        <source>The key must be 32, 48 or 64 hex digits (0-9 and A-F). Check it and open the key file again.</source>
        <translation>La clave debe tener 32, 48 o 64 dígitos hexadecimales (0-9 y A-F). Revísela y vuelva a abrir el archivo de clave.</translation>
    </message>
    <message>
        <source>This copy of softtoken is incomplete: its translation file {file} is missing; reinstall softtoken or ask your help desk.</source>
        <translation>Esta copia de softtoken está incompleta: falta su archivo de traducción {file}; reinstale softtoken o consulte al servicio de asistencia.</translation>
    </message>
    <message>
        <source>This copy of softtoken is damaged: its translation file {file} cannot be read; reinstall softtoken or ask your help desk.</source>
        <translation>Esta copia de softtoken está dañada: su archivo de traducción {file} no se puede leer; reinstale softtoken o consulte al servicio de asistencia.</translation>
    </message>
    <message>
        <source>This copy of softtoken is incomplete: Qt's translation file {file} is missing; reinstall softtoken or ask your help desk.</source>
        <translation>Esta copia de softtoken está incompleta: falta el archivo de traducción de Qt {file}; reinstale softtoken o consulte al servicio de asistencia.</translation>
    </message>
    <message>
        <source>This copy of softtoken is damaged: Qt's translation file {file} cannot be read; reinstall softtoken or ask your help desk.</source>
        <translation>Esta copia de softtoken está dañada: el archivo de traducción de Qt {file} no se puede leer; reinstale softtoken o consulte al servicio de asistencia.</translation>
    </message>
    <message>
        <source>The translation file {file} is older than {source}; run: python -m softtoken.gui.i18n</source>
        <translation>El archivo de traducción {file} es anterior a {source}; ejecute: python -m softtoken.gui.i18n</translation>
    </message>
</context>
</TS>